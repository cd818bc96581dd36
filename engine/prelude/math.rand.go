// Package rand for panicroom: Go 1.19's math/rand API (Seed, Int, Intn,
// Int31, Int31n, Int63, Int63n, Uint32, Uint64, Float32, Float64, Perm,
// Shuffle, Read, New, NewSource and the *Rand methods) over a generator
// written here in Go.
//
// The numbers differ from Go's, on purpose. Go 1.19 seeds the top-level
// functions with 1 (the same sequence on every run) and draws from an
// additive lagged Fibonacci generator whose 607-word seed table is too big
// to carry. We use splitmix64 (Steele, Lea and Flood, OOPSLA 2014): one
// uint64 of state, good statistical quality, a few lines of uint64
// arithmetic. The top-level functions are seeded from the lab's run seed
// (runtime_seed, a native in engine/lib.c), so `panicroom run --seed N`
// changes them and the same seed (or replay token) repeats them exactly;
// the scheduler's choices are untouched, since reading the seed draws
// nothing. What follows Go exactly: the derived algorithms (Int31n's
// rejection loop, Perm, Shuffle, Float64's retry on 1.0) and the panics
// ("invalid argument to Intn", ...). Programs whose output must match real
// Go may use rand only in ways where the numbers do not show.
//
// Not provided: ExpFloat64 and NormFloat64 (they need package math, which
// is outside the subset), the Source64 fast paths beyond Uint64.
//
// The engine runs one goroutine at a time, so the global source needs no
// lock (Go's lockedSource); preemption between reading and writing the
// state could at worst repeat a number, never corrupt it.
package rand

// A Source represents a source of uniformly-distributed pseudo-random
// int64 values in the range [0, 1<<63).
type Source interface {
	Int63() int64
	Seed(seed int64)
}

// A Source64 is a Source that can also generate uint64 values directly.
type Source64 interface {
	Source
	Uint64() uint64
}

// splitmix is the generator behind every Source here.
type splitmix struct {
	state uint64
}

func (s *splitmix) Seed(seed int64) {
	s.state = uint64(seed)
}

func (s *splitmix) Uint64() uint64 {
	s.state += 0x9e3779b97f4a7c15
	z := s.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (s *splitmix) Int63() int64 {
	return int64(s.Uint64() >> 1)
}

// NewSource returns a new pseudo-random Source seeded with the given value.
func NewSource(seed int64) Source {
	s := &splitmix{}
	s.Seed(seed)
	return s
}

// A Rand is a source of random numbers.
type Rand struct {
	src Source
	s64 Source64
}

// New returns a new Rand that uses random values from src to generate
// other random values.
func New(src Source) *Rand {
	s64, _ := src.(Source64)
	return &Rand{src: src, s64: s64}
}

// Seed uses the provided seed value to initialize the generator to a
// deterministic state.
func (r *Rand) Seed(seed int64) { r.src.Seed(seed) }

// Int63 returns a non-negative pseudo-random 63-bit integer as an int64.
func (r *Rand) Int63() int64 { return r.src.Int63() }

// Uint32 returns a pseudo-random 32-bit value as a uint32.
func (r *Rand) Uint32() uint32 { return uint32(r.Int63() >> 31) }

// Uint64 returns a pseudo-random 64-bit value as a uint64.
func (r *Rand) Uint64() uint64 {
	if r.s64 != nil {
		return r.s64.Uint64()
	}
	return uint64(r.Int63())>>31 | uint64(r.Int63())<<32
}

// Int31 returns a non-negative pseudo-random 31-bit integer as an int32.
func (r *Rand) Int31() int32 { return int32(r.Int63() >> 32) }

// Int returns a non-negative pseudo-random int.
func (r *Rand) Int() int {
	u := uint(r.Int63())
	return int(u << 1 >> 1)
}

// Int63n returns, as an int64, a non-negative pseudo-random number in the
// half-open interval [0,n). It panics if n <= 0.
func (r *Rand) Int63n(n int64) int64 {
	if n <= 0 {
		panic("invalid argument to Int63n")
	}
	if n&(n-1) == 0 {
		return r.Int63() & (n - 1)
	}
	max := int64((1 << 63) - 1 - (1<<63)%uint64(n))
	v := r.Int63()
	for v > max {
		v = r.Int63()
	}
	return v % n
}

// Int31n returns, as an int32, a non-negative pseudo-random number in the
// half-open interval [0,n). It panics if n <= 0.
func (r *Rand) Int31n(n int32) int32 {
	if n <= 0 {
		panic("invalid argument to Int31n")
	}
	if n&(n-1) == 0 {
		return r.Int31() & (n - 1)
	}
	max := int32((1 << 31) - 1 - (1<<31)%uint32(n))
	v := r.Int31()
	for v > max {
		v = r.Int31()
	}
	return v % n
}

// Intn returns, as an int, a non-negative pseudo-random number in the
// half-open interval [0,n). It panics if n <= 0.
func (r *Rand) Intn(n int) int {
	if n <= 0 {
		panic("invalid argument to Intn")
	}
	if n <= 1<<31-1 {
		return int(r.Int31n(int32(n)))
	}
	return int(r.Int63n(int64(n)))
}

// Float64 returns, as a float64, a pseudo-random number in the half-open
// interval [0.0,1.0).
func (r *Rand) Float64() float64 {
	for {
		f := float64(r.Int63()) / (1 << 63)
		if f < 1 {
			return f
		}
	}
}

// Float32 returns, as a float32, a pseudo-random number in the half-open
// interval [0.0,1.0).
func (r *Rand) Float32() float32 {
	for {
		f := float32(r.Float64())
		if f < 1 {
			return f
		}
	}
}

// Perm returns, as a slice of n ints, a pseudo-random permutation of the
// integers in the half-open interval [0,n).
func (r *Rand) Perm(n int) []int {
	m := make([]int, n)
	for i := 0; i < n; i++ {
		j := r.Intn(i + 1)
		m[i] = m[j]
		m[j] = i
	}
	return m
}

// Shuffle pseudo-randomizes the order of elements. n is the number of
// elements. Shuffle panics if n < 0. swap swaps the elements with indexes
// i and j.
func (r *Rand) Shuffle(n int, swap func(i, j int)) {
	if n < 0 {
		panic("invalid argument to Shuffle")
	}
	for i := n - 1; i > 0; i-- {
		j := int(r.Int63n(int64(i + 1)))
		swap(i, j)
	}
}

// Read generates len(p) random bytes and writes them into p. It always
// returns len(p) and a nil error.
func (r *Rand) Read(p []byte) (n int, err error) {
	for i := 0; i < len(p); i += 8 {
		v := r.Uint64()
		for k := 0; k < 8 && i+k < len(p); k++ {
			p[i+k] = byte(v)
			v >>= 8
		}
	}
	return len(p), nil
}

// runtime_seed is the lab's run seed (--seed, or the replay token's).
func runtime_seed() int64

var globalRand = New(NewSource(runtime_seed()))

// Seed uses the provided seed value to initialize the default Source to a
// deterministic state.
func Seed(seed int64) { globalRand.Seed(seed) }

// Int63 returns a non-negative pseudo-random 63-bit integer as an int64
// from the default Source.
func Int63() int64 { return globalRand.Int63() }

// Uint32 returns a pseudo-random 32-bit value as a uint32 from the default
// Source.
func Uint32() uint32 { return globalRand.Uint32() }

// Uint64 returns a pseudo-random 64-bit value as a uint64 from the default
// Source.
func Uint64() uint64 { return globalRand.Uint64() }

// Int31 returns a non-negative pseudo-random 31-bit integer as an int32
// from the default Source.
func Int31() int32 { return globalRand.Int31() }

// Int returns a non-negative pseudo-random int from the default Source.
func Int() int { return globalRand.Int() }

// Int63n returns a number in [0,n) from the default Source; panics if
// n <= 0.
func Int63n(n int64) int64 { return globalRand.Int63n(n) }

// Int31n returns a number in [0,n) from the default Source; panics if
// n <= 0.
func Int31n(n int32) int32 { return globalRand.Int31n(n) }

// Intn returns a number in [0,n) from the default Source; panics if
// n <= 0.
func Intn(n int) int { return globalRand.Intn(n) }

// Float64 returns a number in [0.0,1.0) from the default Source.
func Float64() float64 { return globalRand.Float64() }

// Float32 returns a number in [0.0,1.0) from the default Source.
func Float32() float32 { return globalRand.Float32() }

// Perm returns a pseudo-random permutation of [0,n) from the default
// Source.
func Perm(n int) []int { return globalRand.Perm(n) }

// Shuffle pseudo-randomizes the order of elements using the default
// Source.
func Shuffle(n int, swap func(i, j int)) { globalRand.Shuffle(n, swap) }

// Read generates len(p) random bytes from the default Source. It always
// returns len(p) and a nil error.
func Read(p []byte) (n int, err error) { return globalRand.Read(p) }
