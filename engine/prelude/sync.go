// Package sync for panicroom: the lock types of Go 1.19's package sync.
//
// The struct fields mirror Go's own (the lock word, the semaphores, the
// reader counts) as plain integers, so a Mutex prints and copies as in Go
// and the diagrams can show its state. Methods without a body are natives
// in engine/sync.c, which runs Go's algorithms on the engine's scheduler;
// Once and Done are written in Go, as in Go, so that f may block and a
// panic shows Go's frames.
package sync

import "sync/atomic"

// A Locker represents an object that can be locked and unlocked.
type Locker interface {
	Lock()
	Unlock()
}

// A Mutex is a mutual exclusion lock. The zero value is unlocked.
type Mutex struct {
	state int32
	sema  uint32
}

func (m *Mutex) Lock()
func (m *Mutex) Unlock()
func (m *Mutex) TryLock() bool

// An RWMutex is a reader/writer mutual exclusion lock, with writer
// preference: a blocked Lock call excludes new readers.
type RWMutex struct {
	w           Mutex
	writerSem   uint32
	readerSem   uint32
	readerCount int32
	readerWait  int32
}

func (rw *RWMutex) Lock()
func (rw *RWMutex) Unlock()
func (rw *RWMutex) RLock()
func (rw *RWMutex) RUnlock()
func (rw *RWMutex) TryLock() bool
func (rw *RWMutex) TryRLock() bool

// A WaitGroup waits for a collection of goroutines to finish. Go keeps
// counter and waiters in one 64-bit word; here they are two fields.
type WaitGroup struct {
	counter int32
	waiters uint32
	sema    uint32
}

func (wg *WaitGroup) Add(delta int)
func (wg *WaitGroup) Wait()

// Done decrements the WaitGroup counter by one.
func (wg *WaitGroup) Done() {
	wg.Add(-1)
}

// Once is an object that will perform exactly one action.
type Once struct {
	done uint32
	m    Mutex
}

// Do calls f if and only if Do is being called for the first time for
// this instance of Once. If f panics, Do considers it to have returned.
func (o *Once) Do(f func()) {
	if atomic.LoadUint32(&o.done) == 0 {
		o.doSlow(f)
		return
	}
	onceEvent(o, false)
}

func (o *Once) doSlow(f func()) {
	o.m.Lock()
	defer o.m.Unlock()
	if o.done == 0 {
		defer o.setDone()
		onceEvent(o, true)
		f()
		return
	}
	onceEvent(o, false)
}

// setDone is Go's deferred atomic.StoreUint32(&o.done, 1) and the trace's
// event: done is set even when f panics. The atomic store and Do's atomic
// load are Go's, and the race detector's edge from f's writes to every
// later Do that returns at once: o.m's Unlock comes only after the store,
// and a scheduling point may fall between them.
func (o *Once) setDone() {
	onceEvent(o, false)
	atomic.StoreUint32(&o.done, 1)
}

// onceEvent is the trace's once_do event (engine/trace_sync.c; nothing
// without a trace): each Do that finds f already run, and f's start and
// end (running true, then false: the Once is done).
func onceEvent(o *Once, running bool)

// Cond implements a condition variable, a rendezvous point for goroutines
// waiting for or announcing the occurrence of an event. Wait takes a
// ticket before it unlocks L, as Go's runtime notifyList does, so a Signal
// that comes between the Unlock and the park is not lost.
type Cond struct {
	L      Locker
	notify notifyList
}

// notifyList is the runtime's ticket counter pair (runtime/sema.go); the
// waiting goroutines themselves are queued by the engine.
type notifyList struct {
	wait   uint32
	notify uint32
}

// NewCond returns a new Cond with Locker l.
func NewCond(l Locker) *Cond {
	return &Cond{L: l}
}

// Wait atomically unlocks c.L and suspends execution of the calling
// goroutine; after later resuming, Wait locks c.L before returning.
func (c *Cond) Wait() {
	t := runtime_notifyListAdd(&c.notify)
	c.L.Unlock()
	runtime_notifyListWait(&c.notify, t)
	c.L.Lock()
}

// Signal wakes one goroutine waiting on c, if there is any.
func (c *Cond) Signal() {
	runtime_notifyListNotifyOne(&c.notify)
}

// Broadcast wakes all goroutines waiting on c.
func (c *Cond) Broadcast() {
	runtime_notifyListNotifyAll(&c.notify)
}

func runtime_notifyListAdd(l *notifyList) uint32
func runtime_notifyListWait(l *notifyList, t uint32)
func runtime_notifyListNotifyOne(l *notifyList)
func runtime_notifyListNotifyAll(l *notifyList)

// Map is like a Go map[any]any but is safe for concurrent use by multiple
// goroutines. Go's is lock-free on reads; this one is a plain map behind a
// Mutex (never held across a call to user code, so it cannot deadlock),
// which keeps the engine's map-race checks away from it. Range visits keys
// in the engine's seeded map order, as Go's visits them in Go's random
// map order.
type Map struct {
	mu    Mutex
	dirty map[any]any
}

// Load returns the value stored in the map for a key, or nil if no value
// is present.
func (m *Map) Load(key any) (value any, ok bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	value, ok = m.dirty[key]
	return value, ok
}

// Store sets the value for a key.
func (m *Map) Store(key, value any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dirty == nil {
		m.dirty = make(map[any]any)
	}
	m.dirty[key] = value
}

// LoadOrStore returns the existing value for the key if present.
// Otherwise, it stores and returns the given value.
func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.dirty[key]; ok {
		return v, true
	}
	if m.dirty == nil {
		m.dirty = make(map[any]any)
	}
	m.dirty[key] = value
	return value, false
}

// LoadAndDelete deletes the value for a key, returning the previous value
// if any.
func (m *Map) LoadAndDelete(key any) (value any, loaded bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	value, loaded = m.dirty[key]
	delete(m.dirty, key)
	return value, loaded
}

// Delete deletes the value for a key.
func (m *Map) Delete(key any) {
	m.LoadAndDelete(key)
}

// Range calls f sequentially for each key and value present in the map,
// until f returns false. Like Go's, it works on a snapshot of the keys and
// reads each value when it gets there: f may Store and Delete, and a key
// deleted meanwhile is skipped.
func (m *Map) Range(f func(key, value any) bool) {
	m.mu.Lock()
	keys := make([]any, 0, len(m.dirty))
	for k := range m.dirty {
		keys = append(keys, k)
	}
	m.mu.Unlock()
	for _, k := range keys {
		v, ok := m.Load(k)
		if ok && !f(k, v) {
			break
		}
	}
}

// A Pool is a set of temporary objects that may be individually saved and
// retrieved. With one P, Go keeps a private slot and a LIFO stack; so does
// the engine (engine/sync.c), behind natives because Go pins the goroutine
// to its P meanwhile (no preemption inside Put or Get). Put drops its
// object on the floor in a quarter of the calls under the random and PCT
// strategies, chosen by the seed, as Go's race-enabled build does; under
// the default strategy, like Go's normal build between two GCs, nothing is
// dropped. runtime.GC does not empty pools here.
type Pool struct {
	local uintptr
	New   func() any
}

// Put adds x to the pool.
func (p *Pool) Put(x any) {
	if x == nil {
		return
	}
	p.put(x)
}

// Get selects an arbitrary item from the Pool, removes it from the Pool,
// and returns it to the caller. If Get would otherwise return nil and
// p.New is non-nil, Get returns the result of calling p.New.
func (p *Pool) Get() any {
	x := p.get()
	if x == nil && p.New != nil {
		x = p.New()
	}
	return x
}

func (p *Pool) put(x any)
func (p *Pool) get() any

// RLocker returns a Locker interface that implements the Lock and Unlock
// methods by calling rw.RLock and rw.RUnlock.
func (rw *RWMutex) RLocker() Locker {
	return (*rlocker)(rw)
}

type rlocker RWMutex

func (r *rlocker) Lock()   { (*RWMutex)(r).RLock() }
func (r *rlocker) Unlock() { (*RWMutex)(r).RUnlock() }
