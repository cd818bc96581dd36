// Package time for panicroom: Duration with Go's String format, and Sleep
// on the scheduler's virtual clock (its native is in engine/sched.c).
//
// Time, Timer, Ticker, After and AfterFunc belong here too; they are
// declared by Engine II over the same virtual clock, which is why nothing
// below reads a clock itself.
package time

// A Duration represents the elapsed time between two instants as an int64
// nanosecond count.
type Duration int64

const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

// Sleep pauses the current goroutine for at least the duration d.
func Sleep(d Duration)

// String returns a string representing the duration in the form "72h3m0.5s".
// Durations less than one second use a smaller unit ("1.5ms", "200µs",
// "42ns"); the zero duration formats as 0s.
func (d Duration) String() string {
	if d == 0 {
		return "0s"
	}
	neg := d < 0
	u := uint64(d)
	if neg {
		u = -u
	}
	var s string
	if u < uint64(Second) {
		switch {
		case u < uint64(Microsecond):
			s = fmtFrac(u, 0) + "ns"
		case u < uint64(Millisecond):
			s = fmtFrac(u, 3) + "µs"
		default:
			s = fmtFrac(u, 6) + "ms"
		}
	} else {
		s = fmtFrac(u%uint64(Minute), 9) + "s"
		u /= uint64(Minute)
		if u > 0 {
			s = fmtFrac(u%60, 0) + "m" + s
			u /= 60
			if u > 0 {
				s = fmtFrac(u, 0) + "h" + s
			}
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

// fmtFrac formats v / 10^prec in decimal, without trailing zeros in the
// fraction (and without a point when the fraction is zero).
func fmtFrac(v uint64, prec int) string {
	var buf [32]byte
	w := len(buf)
	printed := false
	for i := 0; i < prec; i++ {
		digit := v % 10
		printed = printed || digit != 0
		if printed {
			w--
			buf[w] = byte(digit) + '0'
		}
		v /= 10
	}
	if printed {
		w--
		buf[w] = '.'
	}
	if v == 0 {
		w--
		buf[w] = '0'
	}
	for v > 0 {
		w--
		buf[w] = byte(v%10) + '0'
		v /= 10
	}
	return string(buf[w:])
}

// Nanoseconds returns the duration as an integer nanosecond count.
func (d Duration) Nanoseconds() int64 { return int64(d) }

// Microseconds returns the duration as an integer microsecond count.
func (d Duration) Microseconds() int64 { return int64(d) / 1e3 }

// Milliseconds returns the duration as an integer millisecond count.
func (d Duration) Milliseconds() int64 { return int64(d) / 1e6 }

// Seconds returns the duration as a floating point number of seconds.
func (d Duration) Seconds() float64 {
	sec := d / Second
	nsec := d % Second
	return float64(sec) + float64(nsec)/1e9
}

// Minutes returns the duration as a floating point number of minutes.
func (d Duration) Minutes() float64 {
	min := d / Minute
	nsec := d % Minute
	return float64(min) + float64(nsec)/(60*1e9)
}

// Hours returns the duration as a floating point number of hours.
func (d Duration) Hours() float64 {
	hour := d / Hour
	nsec := d % Hour
	return float64(hour) + float64(nsec)/(60*60*1e9)
}

// Truncate returns the result of rounding d toward zero to a multiple of m.
func (d Duration) Truncate(m Duration) Duration {
	if m <= 0 {
		return d
	}
	return d - d%m
}

// Abs returns the absolute value of d (as Go 1.19 does, the minimum
// duration maps to the maximum).
func (d Duration) Abs() Duration {
	switch {
	case d >= 0:
		return d
	case d == -1<<63:
		return 1<<63 - 1
	default:
		return -d
	}
}
