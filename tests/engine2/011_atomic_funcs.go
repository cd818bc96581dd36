// sync/atomic functions on every integer size, with wrap-around.
package main

import (
	"fmt"
	"sync/atomic"
)

func main() {
	var i32 int32 = 2147483647
	fmt.Println(atomic.AddInt32(&i32, 1), i32)
	var u32 uint32 = 5
	fmt.Println(atomic.AddUint32(&u32, ^uint32(0)), atomic.AddUint32(&u32, ^uint32(4-1)))
	fmt.Println(atomic.AddUint32(&u32, ^uint32(0)))
	var i64 int64
	fmt.Println(atomic.AddInt64(&i64, -7), atomic.LoadInt64(&i64))
	var u64 uint64 = 18446744073709551615
	fmt.Println(atomic.AddUint64(&u64, 2))
	var up uintptr
	fmt.Println(atomic.AddUintptr(&up, 3), atomic.LoadUintptr(&up))

	atomic.StoreInt32(&i32, -3)
	atomic.StoreUint32(&u32, 9)
	atomic.StoreInt64(&i64, 1<<40)
	atomic.StoreUint64(&u64, 1<<63)
	atomic.StoreUintptr(&up, 11)
	fmt.Println(atomic.LoadInt32(&i32), atomic.LoadUint32(&u32), atomic.LoadInt64(&i64), atomic.LoadUint64(&u64), atomic.LoadUintptr(&up))

	fmt.Println(atomic.SwapInt32(&i32, 4), atomic.SwapUint32(&u32, 5), atomic.SwapInt64(&i64, 6), atomic.SwapUint64(&u64, 7), atomic.SwapUintptr(&up, 8))
	fmt.Println(i32, u32, i64, u64, up)

	fmt.Println(atomic.CompareAndSwapInt32(&i32, 4, 40), atomic.CompareAndSwapInt32(&i32, 4, 400), i32)
	fmt.Println(atomic.CompareAndSwapUint32(&u32, 5, 50), atomic.CompareAndSwapUint32(&u32, 0, 1), u32)
	fmt.Println(atomic.CompareAndSwapInt64(&i64, 6, -60), atomic.CompareAndSwapInt64(&i64, 6, 1), i64)
	fmt.Println(atomic.CompareAndSwapUint64(&u64, 7, 70), atomic.CompareAndSwapUint64(&u64, 7, 1), u64)
	fmt.Println(atomic.CompareAndSwapUintptr(&up, 8, 80), atomic.CompareAndSwapUintptr(&up, 8, 1), up)
	var neg int32 = -1
	fmt.Println(atomic.CompareAndSwapInt32(&neg, -1, -2147483648), neg)
}
