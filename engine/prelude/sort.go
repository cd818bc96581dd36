// Package sort for panicroom: Sort, Stable, Slice, Search and the helpers
// for []int, []string and []float64.
//
// Order of equal elements: Go 1.19's Sort is pattern-defeating quicksort,
// which for 12 or fewer elements is an insertion sort; ours uses the same
// insertion sort there (so small sorts match Go exactly, ties included)
// and a stable in-place merge sort above, where Go's order of equal
// elements is an accident of pdqsort that programs must not rely on.
// Slice and SliceStable swap the elements of an `any` slice through two
// natives (engine/lib.c), standing in for reflect.Swapper.
package sort

// An implementation of Interface can be sorted by the routines in this
// package.
type Interface interface {
	Len() int
	Less(i, j int) bool
	Swap(i, j int)
}

func reflectLen(x any) int
func reflectSwap(x any, i, j int)

func insertionSort(data Interface, a, b int) {
	for i := a + 1; i < b; i++ {
		for j := i; j > a && data.Less(j, j-1); j-- {
			data.Swap(j, j-1)
		}
	}
}

func reverseRange(data Interface, a, b int) {
	for b--; a < b; a, b = a+1, b-1 {
		data.Swap(a, b)
	}
}

// rotate exchanges the blocks [a,m) and [m,b).
func rotate(data Interface, a, m, b int) {
	reverseRange(data, a, m)
	reverseRange(data, m, b)
	reverseRange(data, a, b)
}

// merge merges the sorted runs [a,m) and [m,b) in place, stably: it
// splits the longer run at its middle element p, finds where p belongs in
// the other run, rotates the two middle blocks so that everything before
// p's place precedes everything after it, and recurses on both sides.
func merge(data Interface, a, m, b int) {
	if a >= m || m >= b {
		return
	}
	if b-a == 2 {
		if data.Less(m, a) {
			data.Swap(m, a)
		}
		return
	}
	var i, j int
	if m-a >= b-m {
		i = (a + m) / 2
		lo, hi := m, b // first j in [m,b) with !(data[j] < data[i])
		for lo < hi {
			h := (lo + hi) / 2
			if data.Less(h, i) {
				lo = h + 1
			} else {
				hi = h
			}
		}
		j = lo
	} else {
		p := (m + b - 1) / 2
		lo, hi := a, m // first i in [a,m) with data[p] < data[i]
		for lo < hi {
			h := (lo + hi) / 2
			if !data.Less(p, h) {
				lo = h + 1
			} else {
				hi = h
			}
		}
		i, j = lo, p+1
	}
	rotate(data, i, m, j)
	k := i + (j - m)
	merge(data, a, i, k)
	merge(data, k, j, b)
}

// Stable sorts data in ascending order as determined by the Less method,
// while keeping the original order of equal elements.
func Stable(data Interface) {
	n := data.Len()
	const block = 20
	a := 0
	for ; a+block < n; a += block {
		insertionSort(data, a, a+block)
	}
	insertionSort(data, a, n)
	for size := block; size < n; size *= 2 {
		for lo := 0; lo+size < n; lo += 2 * size {
			hi := lo + 2*size
			if hi > n {
				hi = n
			}
			merge(data, lo, lo+size, hi)
		}
	}
}

// Sort sorts data in ascending order as determined by the Less method.
func Sort(data Interface) {
	n := data.Len()
	if n <= 12 {
		insertionSort(data, 0, n)
		return
	}
	Stable(data)
}

// IsSorted reports whether data is sorted.
func IsSorted(data Interface) bool {
	n := data.Len()
	for i := n - 1; i > 0; i-- {
		if data.Less(i, i-1) {
			return false
		}
	}
	return true
}

type reverse struct {
	Interface
}

func (r reverse) Less(i, j int) bool { return r.Interface.Less(j, i) }

// Reverse returns the reverse order for data.
func Reverse(data Interface) Interface { return &reverse{data} }

// lessSwap adapts a slice in an `any` and a less function to Interface.
type lessSwap struct {
	x    any
	n    int
	less func(i, j int) bool
}

func (s *lessSwap) Len() int           { return s.n }
func (s *lessSwap) Less(i, j int) bool { return s.less(i, j) }
func (s *lessSwap) Swap(i, j int)      { reflectSwap(s.x, i, j) }

// Slice sorts the slice x given the provided less function. It panics if
// x is not a slice.
func Slice(x any, less func(i, j int) bool) {
	Sort(&lessSwap{x, reflectLen(x), less})
}

// SliceStable sorts the slice x using the provided less function,
// keeping equal elements in their original order.
func SliceStable(x any, less func(i, j int) bool) {
	Stable(&lessSwap{x, reflectLen(x), less})
}

// SliceIsSorted reports whether the slice x is sorted according to less.
func SliceIsSorted(x any, less func(i, j int) bool) bool {
	n := reflectLen(x)
	for i := n - 1; i > 0; i-- {
		if less(i, i-1) {
			return false
		}
	}
	return true
}

// Search uses binary search to find and return the smallest index i in
// [0, n) at which f(i) is true, or n.
func Search(n int, f func(int) bool) int {
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if !f(h) {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

// IntSlice attaches the methods of Interface to []int.
type IntSlice []int

func (x IntSlice) Len() int           { return len(x) }
func (x IntSlice) Less(i, j int) bool { return x[i] < x[j] }
func (x IntSlice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }
func (x IntSlice) Sort()              { Sort(x) }

// Float64Slice implements Interface for a []float64, sorting NaNs first.
type Float64Slice []float64

func (x Float64Slice) Len() int { return len(x) }
func (x Float64Slice) Less(i, j int) bool {
	return x[i] < x[j] || (x[i] != x[i] && x[j] == x[j])
}
func (x Float64Slice) Swap(i, j int) { x[i], x[j] = x[j], x[i] }
func (x Float64Slice) Sort()         { Sort(x) }

// StringSlice attaches the methods of Interface to []string.
type StringSlice []string

func (x StringSlice) Len() int           { return len(x) }
func (x StringSlice) Less(i, j int) bool { return x[i] < x[j] }
func (x StringSlice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }
func (x StringSlice) Sort()              { Sort(x) }

// Ints sorts a slice of ints in increasing order.
func Ints(x []int) { Sort(IntSlice(x)) }

// Float64s sorts a slice of float64s in increasing order (NaNs first).
func Float64s(x []float64) { Sort(Float64Slice(x)) }

// Strings sorts a slice of strings in increasing order.
func Strings(x []string) { Sort(StringSlice(x)) }

// IntsAreSorted reports whether the slice x is sorted in increasing order.
func IntsAreSorted(x []int) bool { return IsSorted(IntSlice(x)) }

// StringsAreSorted reports whether x is sorted in increasing order.
func StringsAreSorted(x []string) bool { return IsSorted(StringSlice(x)) }

// Float64sAreSorted reports whether x is sorted in increasing order.
func Float64sAreSorted(x []float64) bool { return IsSorted(Float64Slice(x)) }

// SearchInts searches for x in a sorted slice of ints and returns the
// index as specified by Search.
func SearchInts(a []int, x int) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}

// SearchStrings searches for x in a sorted slice of strings.
func SearchStrings(a []string, x string) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}

// SearchFloat64s searches for x in a sorted slice of float64s.
func SearchFloat64s(a []float64, x float64) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}
