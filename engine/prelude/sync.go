// Package sync for panicroom: the lock types of Go 1.19's package sync.
//
// The struct fields mirror Go's own (the lock word, the semaphores, the
// reader counts) as plain integers, so a Mutex prints and copies as in Go
// and the diagrams can show its state. Methods without a body are natives
// in engine/sync.c, which runs Go's algorithms on the engine's scheduler;
// Once and Done are written in Go, as in Go, so that f may block and a
// panic shows Go's frames.
package sync

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
	if o.done == 0 {
		o.doSlow(f)
	}
}

func (o *Once) doSlow(f func()) {
	o.m.Lock()
	defer o.m.Unlock()
	if o.done == 0 {
		defer o.setDone()
		f()
	}
}

// setDone stands for Go's deferred atomic.StoreUint32(&o.done, 1): done is
// set even when f panics.
func (o *Once) setDone() {
	o.done = 1
}
