// Package context for panicroom: Go 1.19's context, written in Go on top
// of channels, sync.Mutex and time.AfterFunc, with Go's types (so %T
// prints *context.cancelCtx), String methods, panics and errors.
//
// The design is Go's: a cancelCtx closes its done channel and cancels its
// children (a set, visited in the engine's seeded map order as Go visits
// it in random order) while holding its lock; a child of another
// cancelCtx registers in the parent's set, and a child of a foreign
// Context implementation gets a goroutine that waits for the parent, as in
// Go (runtime.NumGoroutine shows it). A timerCtx arms a time.AfterFunc on
// the engine's virtual clock. Go reads done and err with atomics; here
// the Mutex guards them, which the single-threaded engine makes
// equivalent.
package context

import (
	"errors"
	"sync"
	"time"
)

// A Context carries a deadline, a cancellation signal, and other values
// across API boundaries.
type Context interface {
	Deadline() (deadline time.Time, ok bool)
	Done() <-chan struct{}
	Err() error
	Value(key any) any
}

// Canceled is the error returned by Context.Err when the context is
// canceled.
var Canceled = errors.New("context canceled")

// DeadlineExceeded is the error returned by Context.Err when the context's
// deadline passes.
var DeadlineExceeded error = deadlineExceededError{}

type deadlineExceededError struct{}

func (deadlineExceededError) Error() string   { return "context deadline exceeded" }
func (deadlineExceededError) Timeout() bool   { return true }
func (deadlineExceededError) Temporary() bool { return true }

// An emptyCtx is never canceled, has no values, and has no deadline.
type emptyCtx int

func (*emptyCtx) Deadline() (deadline time.Time, ok bool) { return }
func (*emptyCtx) Done() <-chan struct{}                   { return nil }
func (*emptyCtx) Err() error                              { return nil }
func (*emptyCtx) Value(key any) any                       { return nil }

func (e *emptyCtx) String() string {
	switch e {
	case background:
		return "context.Background"
	case todo:
		return "context.TODO"
	}
	return "unknown empty Context"
}

var (
	background = new(emptyCtx)
	todo       = new(emptyCtx)
)

// Background returns a non-nil, empty Context. It is never canceled, has
// no values, and has no deadline.
func Background() Context { return background }

// TODO returns a non-nil, empty Context, for when it is unclear which
// Context to use.
func TODO() Context { return todo }

// A CancelFunc tells an operation to abandon its work.
type CancelFunc func()

// WithCancel returns a copy of parent with a new Done channel, closed when
// the returned cancel function is called or when the parent context's
// Done channel is closed, whichever happens first.
func WithCancel(parent Context) (ctx Context, cancel CancelFunc) {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	c := newCancelCtx(parent)
	propagateCancel(parent, c)
	return c, func() { c.cancel(true, Canceled) }
}

func newCancelCtx(parent Context) *cancelCtx {
	return &cancelCtx{Context: parent}
}

// goroutines counts the goroutines propagateCancel has started.
var goroutines int32

// propagateCancel arranges for child to be canceled when parent is. A
// parent that is already canceled cancels the child at once, so the child
// is born canceled.
func propagateCancel(parent Context, child canceler) {
	done := parent.Done()
	if done == nil {
		return // parent is never canceled
	}
	select {
	case <-done:
		child.cancel(false, parent.Err())
		return
	default:
	}
	if p, ok := parentCancelCtx(parent); ok {
		p.mu.Lock()
		if p.err != nil {
			p.mu.Unlock()
			child.cancel(false, p.err)
			return
		}
		if p.children == nil {
			p.children = make(map[canceler]struct{})
		}
		p.children[child] = struct{}{}
		p.mu.Unlock()
		return
	}
	goroutines++
	go func() {
		select {
		case <-parent.Done():
			child.cancel(false, parent.Err())
		case <-child.Done():
		}
	}()
}

// &cancelCtxKey is the key that a cancelCtx returns itself for.  (The
// explicit conversions in comparisons below work around the checker, which
// does not yet accept comparing a channel or pointer with an assignable
// interface or directional channel type.)
var cancelCtxKey int

// parentCancelCtx returns the innermost *cancelCtx of parent, if parent's
// Done channel is that cancelCtx's own (not wrapped by a custom Context).
func parentCancelCtx(parent Context) (*cancelCtx, bool) {
	done := parent.Done()
	if done == (<-chan struct{})(closedchan) || done == nil {
		return nil, false
	}
	p, ok := parent.Value(&cancelCtxKey).(*cancelCtx)
	if !ok {
		return nil, false
	}
	p.mu.Lock()
	pdone := p.done
	p.mu.Unlock()
	if (<-chan struct{})(pdone) != done {
		return nil, false
	}
	return p, true
}

// removeChild removes a context from its parent.
func removeChild(parent Context, child canceler) {
	p, ok := parentCancelCtx(parent)
	if !ok {
		return
	}
	p.mu.Lock()
	if p.children != nil {
		delete(p.children, child)
	}
	p.mu.Unlock()
}

// A canceler is a context type that can be canceled directly: *cancelCtx
// and *timerCtx.
type canceler interface {
	cancel(removeFromParent bool, err error)
	Done() <-chan struct{}
}

// cancelEvent is the trace's ctx_cancel event (engine/trace_sync.c;
// nothing without a trace), raised once per context, when it is canceled.
func cancelEvent(c *cancelCtx, err error)

// closedchan is a reusable closed channel.
var closedchan = make(chan struct{})

func init() {
	close(closedchan)
}

// A cancelCtx can be canceled. When canceled, it also cancels any
// children that implement canceler.
type cancelCtx struct {
	Context

	mu       sync.Mutex            // protects following fields
	done     chan struct{}         // created lazily, closed by first cancel call
	children map[canceler]struct{} // set to nil by the first cancel call
	err      error                 // set to non-nil by the first cancel call
}

func (c *cancelCtx) Value(key any) any {
	if key == any(&cancelCtxKey) {
		return c
	}
	return value(c.Context, key)
}

func (c *cancelCtx) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done == nil {
		c.done = make(chan struct{})
	}
	return c.done
}

func (c *cancelCtx) Err() error {
	c.mu.Lock()
	err := c.err
	c.mu.Unlock()
	return err
}

type stringer interface {
	String() string
}

// typeName is reflectlite.TypeOf(v).String() (engine/timer.c).
func typeName(v any) string

func contextName(c Context) string {
	if s, ok := c.(stringer); ok {
		return s.String()
	}
	return typeName(c)
}

func (c *cancelCtx) String() string {
	return contextName(c.Context) + ".WithCancel"
}

// cancel closes c.done, cancels each of c's children and, if
// removeFromParent is true, removes c from its parent's children.
func (c *cancelCtx) cancel(removeFromParent bool, err error) {
	if err == nil {
		panic("context: internal error: missing cancel error")
	}
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return // already canceled
	}
	c.err = err
	cancelEvent(c, err)
	if c.done == nil {
		c.done = closedchan
	} else {
		close(c.done)
	}
	for child := range c.children {
		// NOTE: acquiring the child's lock while holding parent's lock.
		child.cancel(false, err)
	}
	c.children = nil
	c.mu.Unlock()
	if removeFromParent {
		removeChild(c.Context, c)
	}
}

// WithDeadline returns a copy of the parent context with the deadline
// adjusted to be no later than d.
func WithDeadline(parent Context, d time.Time) (Context, CancelFunc) {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	if cur, ok := parent.Deadline(); ok && cur.Before(d) {
		// The current deadline is already sooner than the new one.
		return WithCancel(parent)
	}
	c := &timerCtx{cancelCtx: *newCancelCtx(parent), deadline: d}
	propagateCancel(parent, c)
	dur := time.Until(d)
	if dur <= 0 {
		c.cancel(true, DeadlineExceeded) // deadline has already passed
		return c, func() { c.cancel(false, Canceled) }
	}
	c.mu.Lock()
	if c.err == nil {
		c.timer = time.AfterFunc(dur, func() {
			c.cancel(true, DeadlineExceeded)
		})
	}
	c.mu.Unlock()
	return c, func() { c.cancel(true, Canceled) }
}

// A timerCtx carries a timer and a deadline. It embeds a cancelCtx to
// implement Done and Err. It implements cancel by stopping its timer then
// delegating to cancelCtx.cancel.
type timerCtx struct {
	cancelCtx
	timer *time.Timer // Under cancelCtx.mu.

	deadline time.Time
}

func (c *timerCtx) Deadline() (deadline time.Time, ok bool) {
	return c.deadline, true
}

func (c *timerCtx) String() string {
	return contextName(c.cancelCtx.Context) + ".WithDeadline(" +
		c.deadline.String() + " [" +
		time.Until(c.deadline).String() + "])"
}

func (c *timerCtx) cancel(removeFromParent bool, err error) {
	c.cancelCtx.cancel(false, err)
	if removeFromParent {
		// Remove this timerCtx from its parent cancelCtx's children.
		removeChild(c.cancelCtx.Context, c)
	}
	c.mu.Lock()
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	c.mu.Unlock()
}

// WithTimeout returns WithDeadline(parent, time.Now().Add(timeout)).
func WithTimeout(parent Context, timeout time.Duration) (Context, CancelFunc) {
	return WithDeadline(parent, time.Now().Add(timeout))
}

// WithValue returns a copy of parent in which the value associated with
// key is val. The key must be comparable.
func WithValue(parent Context, key, val any) Context {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	if key == nil {
		panic("nil key")
	}
	if !comparable(key) {
		panic("key is not comparable")
	}
	return &valueCtx{parent, key, val}
}

// comparable reports whether key's dynamic type is comparable (Go asks
// reflectlite): comparing a value of an uncomparable type panics.
func comparable(key any) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	_ = key == key
	return true
}

// A valueCtx carries a key-value pair. It implements Value for that key
// and delegates all other calls to the embedded Context.
type valueCtx struct {
	Context
	key, val any
}

// stringify tries a bit to stringify v, without using fmt, since we don't
// want context depending on the unicode tables.
func stringify(v any) string {
	switch s := v.(type) {
	case stringer:
		return s.String()
	case string:
		return s
	}
	return "<not Stringer>"
}

func (c *valueCtx) String() string {
	return contextName(c.Context) + ".WithValue(type " +
		typeName(c.key) +
		", val " + stringify(c.val) + ")"
}

func (c *valueCtx) Value(key any) any {
	if c.key == key {
		return c.val
	}
	return value(c.Context, key)
}

func value(c Context, key any) any {
	for {
		switch ctx := c.(type) {
		case *valueCtx:
			if key == ctx.key {
				return ctx.val
			}
			c = ctx.Context
		case *cancelCtx:
			if key == any(&cancelCtxKey) {
				return c
			}
			c = ctx.Context
		case *timerCtx:
			if key == any(&cancelCtxKey) {
				return &ctx.cancelCtx
			}
			c = ctx.cancelCtx.Context
		case *emptyCtx:
			return nil
		default:
			return c.Value(key)
		}
	}
}
