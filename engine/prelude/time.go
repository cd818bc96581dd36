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

// ---------------------------------------------------------------------------
// Engine II: Time, Timer and Ticker on the engine's virtual clock. The
// clock is Unix nanoseconds starting at the playground's epoch,
// 2009-11-10 23:00:00 UTC, when the program starts; it advances with the
// instructions executed and jumps to the next timer when every goroutine
// waits (engine/sched.h). The Local time zone is UTC, as on the
// playground. The natives are in engine/timer.c.

// A Time represents an instant with nanosecond precision. sec counts from
// January 1, year 1 00:00:00 UTC, so the zero Time is that instant, as in
// Go; mono is the monotonic clock reading (ns since the program started)
// when hasMono is set, which only Now sets. engine/timer.c builds Times
// too (timer.h TIME_*): keep the fields in this order.
type Time struct {
	sec     int64
	nsec    int64
	mono    int64
	hasMono bool
}

const (
	unixToInternal int64 = (1969*365 + 1969/4 - 1969/100 + 1969/400) * 86400
	minDuration    Duration = -1 << 63
	maxDuration    Duration = 1<<63 - 1
)

// now returns the virtual clock: Unix seconds and nanoseconds, and the
// monotonic reading (Go's runtime time.now).
func now() (sec int64, nsec int32, mono int64)

// runtimeNano returns the virtual clock in Unix nanoseconds (what the
// scheduler's timers compare against).
func runtimeNano() int64

// Now returns the current (virtual) time.
func Now() Time {
	sec, nsec, mono := now()
	return Time{sec: sec + unixToInternal, nsec: int64(nsec), mono: mono, hasMono: true}
}

// Unix returns the local Time corresponding to the given Unix time.
func Unix(sec int64, nsec int64) Time {
	if nsec < 0 || nsec >= 1e9 {
		n := nsec / 1e9
		sec += n
		nsec -= n * 1e9
		if nsec < 0 {
			nsec += 1e9
			sec--
		}
	}
	return Time{sec: sec + unixToInternal, nsec: nsec}
}

// UnixMilli returns the local Time corresponding to the given Unix time,
// msec milliseconds since January 1, 1970 UTC.
func UnixMilli(msec int64) Time {
	return Unix(msec/1e3, (msec%1e3)*1e6)
}

// Since returns the time elapsed since t.
func Since(t Time) Duration {
	return Now().Sub(t)
}

// Until returns the duration until t.
func Until(t Time) Duration {
	return t.Sub(Now())
}

// IsZero reports whether t represents the zero time instant.
func (t Time) IsZero() bool {
	return t.sec == 0 && t.nsec == 0
}

// After reports whether the time instant t is after u.
func (t Time) After(u Time) bool {
	if t.hasMono && u.hasMono {
		return t.mono > u.mono
	}
	return t.sec > u.sec || t.sec == u.sec && t.nsec > u.nsec
}

// Before reports whether the time instant t is before u.
func (t Time) Before(u Time) bool {
	if t.hasMono && u.hasMono {
		return t.mono < u.mono
	}
	return t.sec < u.sec || t.sec == u.sec && t.nsec < u.nsec
}

// Equal reports whether t and u represent the same time instant.
func (t Time) Equal(u Time) bool {
	if t.hasMono && u.hasMono {
		return t.mono == u.mono
	}
	return t.sec == u.sec && t.nsec == u.nsec
}

// Add returns the time t+d.
func (t Time) Add(d Duration) Time {
	dsec := int64(d / 1e9)
	nsec := t.nsec + int64(d%1e9)
	if nsec >= 1e9 {
		dsec++
		nsec -= 1e9
	} else if nsec < 0 {
		dsec--
		nsec += 1e9
	}
	t.sec += dsec
	t.nsec = nsec
	if t.hasMono {
		te := t.mono + int64(d)
		if d < 0 && te > t.mono || d > 0 && te < t.mono {
			t.hasMono = false // the monotonic reading would overflow
			t.mono = 0
		} else {
			t.mono = te
		}
	}
	return t
}

// Sub returns the duration t-u, saturated at the minimum and maximum
// Duration. With both monotonic readings it uses them, as Go does.
func (t Time) Sub(u Time) Duration {
	if t.hasMono && u.hasMono {
		d := Duration(t.mono - u.mono)
		if t.mono-u.mono < 0 != (t.mono < u.mono) {
			if t.mono < u.mono {
				return minDuration
			}
			return maxDuration
		}
		return d
	}
	d := Duration(t.sec-u.sec)*Second + Duration(t.nsec-u.nsec)
	switch {
	case u.Add(d).Equal(t):
		return d
	case t.Before(u):
		return minDuration
	default:
		return maxDuration
	}
}

// Unix returns t as a Unix time, the number of seconds elapsed since
// January 1, 1970 UTC.
func (t Time) Unix() int64 { return t.sec - unixToInternal }

// UnixMilli returns t as a Unix time in milliseconds.
func (t Time) UnixMilli() int64 { return t.Unix()*1e3 + t.nsec/1e6 }

// UnixMicro returns t as a Unix time in microseconds.
func (t Time) UnixMicro() int64 { return t.Unix()*1e6 + t.nsec/1e3 }

// UnixNano returns t as a Unix time in nanoseconds.
func (t Time) UnixNano() int64 { return t.Unix()*1e9 + t.nsec }

// Nanosecond returns the nanosecond offset within the second.
func (t Time) Nanosecond() int { return int(t.nsec) }

// UTC returns t in UTC (every Time is: Local is UTC here).
func (t Time) UTC() Time { return t }

// Local returns t in the local time zone, which is UTC here.
func (t Time) Local() Time { return t }

// Round(0) and Truncate(0) strip the monotonic reading, Go's idiom; other
// durations round the absolute time as Go does, for durations that divide
// a second or are whole seconds.
func (t Time) Round(d Duration) Time { return t.roundTo(d, true) }

// Truncate returns the result of rounding t down to a multiple of d.
func (t Time) Truncate(d Duration) Time { return t.roundTo(d, false) }

func (t Time) roundTo(d Duration, up bool) Time {
	t.hasMono = false
	t.mono = 0
	if d <= 0 {
		return t
	}
	var r Duration
	if d < Second && Second%(d+d) == 0 {
		r = Duration(t.nsec) % d
	} else if d%Second == 0 {
		r = Duration(t.sec%int64(d/Second))*Second + Duration(t.nsec)
	} else {
		return t // arbitrary divisors need Go's 128-bit division
	}
	if up && r+r >= d {
		return t.Add(d - r)
	}
	return t.Add(-r)
}

// A Month specifies a month of the year (January = 1, ...).
type Month int

const (
	January Month = 1 + iota
	February
	March
	April
	May
	June
	July
	August
	September
	October
	November
	December
)

var longMonthNames = []string{"January", "February", "March", "April",
	"May", "June", "July", "August", "September", "October", "November",
	"December"}

var longDayNames = []string{"Sunday", "Monday", "Tuesday", "Wednesday",
	"Thursday", "Friday", "Saturday"}

// String returns the English name of the month ("January", "February", ...).
func (m Month) String() string {
	if January <= m && m <= December {
		return longMonthNames[m-1]
	}
	return "%!Month(" + itoa(int64(m)) + ")"
}

// A Weekday specifies a day of the week (Sunday = 0, ...).
type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

// String returns the English name of the day ("Sunday", "Monday", ...).
func (d Weekday) String() string {
	if Sunday <= d && d <= Saturday {
		return longDayNames[d]
	}
	return "%!Weekday(" + itoa(int64(d)) + ")"
}

func itoa(v int64) string {
	if v < 0 {
		return "-" + fmtFrac(uint64(-v), 0)
	}
	return fmtFrac(uint64(v), 0)
}

// A Location maps time instants to the zone in use at that time. Only
// UTC exists here (Local is UTC, as on the playground).
type Location struct {
	name string
}

var utcLoc = Location{name: "UTC"}

// UTC represents Universal Coordinated Time (UTC).
var UTC *Location = &utcLoc

// Local represents the system's local time zone: UTC here.
var Local *Location = &utcLoc

// String returns a descriptive name for the time zone information.
func (l *Location) String() string { return "UTC" }

// Location returns the time zone information associated with t.
func (t Time) Location() *Location { return UTC }

// Date returns the Time corresponding to yyyy-mm-dd hh:mm:ss + nsec
// nanoseconds in UTC (loc is ignored: every zone is UTC here). Values
// outside their usual ranges are normalized, as in Go.
func Date(year int, month Month, day, hour, min, sec, nsec int, loc *Location) Time {
	m := int(month) - 1
	year, m = norm(year, m, 12)
	sec, nsec = norm(sec, nsec, 1e9)
	min, sec = norm(min, sec, 60)
	hour, min = norm(hour, min, 60)
	day, hour = norm(day, hour, 24)
	days := daysFromCivil(int64(year), int64(m+1), 1) + int64(day-1)
	unix := days*86400 + int64(hour*3600+min*60+sec)
	return Time{sec: unix + unixToInternal, nsec: int64(nsec)}
}

// norm returns nhi, nlo such that hi * base + lo == nhi * base + nlo and
// 0 <= nlo < base.
func norm(hi, lo, base int) (nhi, nlo int) {
	if lo < 0 {
		n := (-lo-1)/base + 1
		hi -= n
		lo += n * base
	}
	if lo >= base {
		n := lo / base
		hi += n
		lo -= n * base
	}
	return hi, lo
}

// daysFromCivil and civilFromDays convert between proleptic Gregorian
// dates and days since 1970-01-01 (H. Hinnant's algorithms).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int64) (y int64, m int64, d int64) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// civil returns the date and time of day of t.
func (t Time) civil() (year int, month Month, day, hour, min, sec int) {
	unix := t.sec - unixToInternal
	days := floorDiv(unix, 86400)
	rem := unix - days*86400
	y, m, d := civilFromDays(days)
	return int(y), Month(m), int(d), int(rem / 3600), int(rem % 3600 / 60), int(rem % 60)
}

// Date returns the year, month, and day in which t occurs.
func (t Time) Date() (year int, month Month, day int) {
	year, month, day, _, _, _ = t.civil()
	return
}

// Clock returns the hour, minute, and second within the day specified by t.
func (t Time) Clock() (hour, min, sec int) {
	_, _, _, hour, min, sec = t.civil()
	return
}

// Year returns the year in which t occurs.
func (t Time) Year() int { y, _, _ := t.Date(); return y }

// Month returns the month of the year specified by t.
func (t Time) Month() Month { _, m, _ := t.Date(); return m }

// Day returns the day of the month specified by t.
func (t Time) Day() int { _, _, d := t.Date(); return d }

// Hour returns the hour within the day specified by t, in the range [0, 23].
func (t Time) Hour() int { h, _, _ := t.Clock(); return h }

// Minute returns the minute offset within the hour specified by t.
func (t Time) Minute() int { _, m, _ := t.Clock(); return m }

// Second returns the second offset within the minute specified by t.
func (t Time) Second() int { _, _, s := t.Clock(); return s }

// Weekday returns the day of the week specified by t.
func (t Time) Weekday() Weekday {
	days := floorDiv(t.sec-unixToInternal, 86400)
	return Weekday((days%7 + 11) % 7) // 1970-01-01 was a Thursday
}

// YearDay returns the day of the year specified by t, in [1,365] for
// non-leap years, and [1,366] in leap years.
func (t Time) YearDay() int {
	y, _, _ := t.Date()
	days := floorDiv(t.sec-unixToInternal, 86400)
	return int(days-daysFromCivil(int64(y), 1, 1)) + 1
}

// Layouts for Format (a subset of Go's: see Format).
const (
	Layout      = "01/02 03:04:05PM '06 -0700"
	ANSIC       = "Mon Jan _2 15:04:05 2006"
	UnixDate    = "Mon Jan _2 15:04:05 MST 2006"
	RFC822      = "02 Jan 06 15:04 MST"
	RFC822Z     = "02 Jan 06 15:04 -0700"
	RFC850      = "Monday, 02-Jan-06 15:04:05 MST"
	RFC1123     = "Mon, 02 Jan 2006 15:04:05 MST"
	RFC1123Z    = "Mon, 02 Jan 2006 15:04:05 -0700"
	RFC3339     = "2006-01-02T15:04:05Z07:00"
	RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00"
	Kitchen     = "3:04PM"
	Stamp       = "Jan _2 15:04:05"
	StampMilli  = "Jan _2 15:04:05.000"
	StampMicro  = "Jan _2 15:04:05.000000"
	StampNano   = "Jan _2 15:04:05.000000000"
)

// String returns the time formatted as Go does,
// "2006-01-02 15:04:05.999999999 -0700 MST", followed by the monotonic
// reading " m=+0.000000001" when t has one.
func (t Time) String() string {
	s := t.Format("2006-01-02 15:04:05.999999999 -0700 MST")
	if t.hasMono {
		m := uint64(t.mono)
		sign := "+"
		if t.mono < 0 {
			sign = "-"
			m = -m
		}
		s += " m=" + sign + fmtFrac(m/1e9, 0) + "." + pad(m%1e9, 9)
	}
	return s
}

// pad formats v in decimal with at least width digits.
func pad(v uint64, width int) string {
	s := fmtFrac(v, 0)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// Format returns a textual representation of the time value formatted
// according to the layout, which shows how the reference time
// "Mon Jan 2 15:04:05 MST 2006" would be displayed. Supported elements:
// 2006 06 01 1 Jan January 02 2 _2 15 03 3 04 4 05 5 PM pm Mon Monday
// MST -0700 -07:00 -07 Z0700 Z07:00 Z07 and fractional seconds
// (.000 / .999, or with a comma); everything else is copied.
func (t Time) Format(layout string) string {
	year, month, day, hour, min, sec := t.civil()
	out := ""
	for layout != "" {
		n, tok := nextToken(layout)
		if n == 0 {
			out += layout[:1]
			layout = layout[1:]
			continue
		}
		switch tok {
		case "2006":
			out += pad(uint64(year), 4)
		case "06":
			out += pad(uint64(year%100), 2)
		case "01":
			out += pad(uint64(month), 2)
		case "1":
			out += itoa(int64(month))
		case "Jan":
			out += month.String()[:3]
		case "January":
			out += month.String()
		case "02":
			out += pad(uint64(day), 2)
		case "2":
			out += itoa(int64(day))
		case "_2":
			if day < 10 {
				out += " "
			}
			out += itoa(int64(day))
		case "15":
			out += pad(uint64(hour), 2)
		case "03", "3":
			h := hour % 12
			if h == 0 {
				h = 12
			}
			if tok == "03" {
				out += pad(uint64(h), 2)
			} else {
				out += itoa(int64(h))
			}
		case "04":
			out += pad(uint64(min), 2)
		case "4":
			out += itoa(int64(min))
		case "05":
			out += pad(uint64(sec), 2)
		case "5":
			out += itoa(int64(sec))
		case "PM", "pm":
			ampm := "AM"
			if hour >= 12 {
				ampm = "PM"
			}
			if tok == "pm" {
				ampm = lower(ampm)
			}
			out += ampm
		case "Mon":
			out += t.Weekday().String()[:3]
		case "Monday":
			out += t.Weekday().String()
		case "MST":
			out += "UTC"
		case "-0700":
			out += "+0000"
		case "-07:00":
			out += "+00:00"
		case "-07":
			out += "+00"
		case "Z0700", "Z07:00", "Z07":
			out += "Z"
		default: // fractional seconds
			out += fracSeconds(t.nsec, tok)
		}
		layout = layout[n:]
	}
	return out
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

var layoutTokens = []string{"January", "Jan", "Monday", "Mon", "MST",
	"2006", "-07:00", "-0700", "-07", "Z07:00", "Z0700", "Z07", "01", "02",
	"03", "04", "05", "06", "15", "_2", "PM", "pm", "1", "2", "3", "4", "5"}

// nextToken returns the length and text of the layout element at the start
// of s, or 0. Like Go, "Jan" and "Mon" are elements only when no lower-case
// letter follows them (so "Monkey" is copied), and a fraction is '.' or ','
// then 0s or 9s not followed by a digit.
func nextToken(s string) (int, string) {
	if (s[0] == '.' || s[0] == ',') && len(s) > 1 && (s[1] == '0' || s[1] == '9') {
		j := 1
		for j < len(s) && s[j] == s[1] {
			j++
		}
		if j == len(s) || s[j] < '0' || s[j] > '9' {
			return j, s[:j]
		}
	}
	for _, tok := range layoutTokens {
		if len(s) < len(tok) || s[:len(tok)] != tok {
			continue
		}
		if (tok == "Jan" || tok == "Mon") && len(s) > 3 && 'a' <= s[3] && s[3] <= 'z' {
			return 0, ""
		}
		return len(tok), tok
	}
	return 0, ""
}

// fracSeconds formats nsec for ".000" (fixed digits) or ".999" (trailing
// zeros removed, nothing at all when zero).
func fracSeconds(nsec int64, tok string) string {
	digits := len(tok) - 1
	s := pad(uint64(nsec), 9)[:digits]
	if tok[1] == '9' {
		for len(s) > 0 && s[len(s)-1] == '0' {
			s = s[:len(s)-1]
		}
		if s == "" {
			return ""
		}
	}
	return tok[:1] + s
}

// runtimeTimer is a timer's state, shared with engine/timer.c (timer.h
// TIMER_*: keep the fields in this order). The engine fires it at when:
// it sends the current Time on c without blocking (Go's sendTime) or runs
// f in a new goroutine (Go's goFunc); a Ticker (period > 0) re-arms first.
type runtimeTimer struct {
	id     int64     // the scheduler's timer while pending, else 0
	when   int64     // virtual Unix nanoseconds
	period int64     // Ticker interval; 0 for a Timer
	c      chan Time // NewTimer, After, NewTicker
	f      func()    // AfterFunc
}

func startTimer(r *runtimeTimer)
func stopTimer(r *runtimeTimer) bool
func modTimer(r *runtimeTimer, when, period int64) bool

// initialized is Go's t.r.f != nil: a Timer made by NewTimer or AfterFunc.
func (r *runtimeTimer) initialized() bool {
	return r.c != nil || r.f != nil
}

// when is a helper function for setting the 'when' field of a
// runtimeTimer: the time d in the future, clamped on overflow.
func when(d Duration) int64 {
	if d <= 0 {
		return runtimeNano()
	}
	t := runtimeNano() + int64(d)
	if t < 0 {
		t = 1<<63 - 1
	}
	return t
}

// The Timer type represents a single event. When the Timer expires, the
// current time will be sent on C, unless the Timer was created by
// AfterFunc.
type Timer struct {
	C <-chan Time
	r runtimeTimer
}

// Stop prevents the Timer from firing. It returns true if the call stops
// the timer, false if the timer has already expired or been stopped.
func (t *Timer) Stop() bool {
	if !t.r.initialized() {
		panic("time: Stop called on uninitialized Timer")
	}
	return stopTimer(&t.r)
}

// NewTimer creates a new Timer that will send the current time on its
// channel after at least duration d.
func NewTimer(d Duration) *Timer {
	c := make(chan Time, 1)
	t := &Timer{C: c, r: runtimeTimer{when: when(d), c: c}}
	startTimer(&t.r)
	return t
}

// Reset changes the timer to expire after duration d. It returns true if
// the timer had been active, false if the timer had expired or been
// stopped.
func (t *Timer) Reset(d Duration) bool {
	if !t.r.initialized() {
		panic("time: Reset called on uninitialized Timer")
	}
	return modTimer(&t.r, when(d), t.r.period)
}

// After waits for the duration to elapse and then sends the current time
// on the returned channel. It is equivalent to NewTimer(d).C.
func After(d Duration) <-chan Time {
	return NewTimer(d).C
}

// AfterFunc waits for the duration to elapse and then calls f in its own
// goroutine. It returns a Timer that can be used to cancel the call using
// its Stop method.
func AfterFunc(d Duration, f func()) *Timer {
	t := &Timer{r: runtimeTimer{when: when(d), f: f}}
	startTimer(&t.r)
	return t
}

// A Ticker holds a channel that delivers “ticks” of a clock at intervals.
type Ticker struct {
	C <-chan Time
	r runtimeTimer
}

// tickerError stands for the errors.New value Go panics with in
// NewTicker (this file has no imports: it prints the same).
type tickerError struct {
	s string
}

func (e *tickerError) Error() string { return e.s }

// NewTicker returns a new Ticker containing a channel that will send the
// current time on the channel after each tick. The period of the ticks is
// specified by the duration argument. The ticker will adjust the time
// interval or drop ticks to make up for slow receivers. The duration d
// must be greater than zero; if not, NewTicker will panic.
func NewTicker(d Duration) *Ticker {
	if d <= 0 {
		panic(&tickerError{"non-positive interval for NewTicker"})
	}
	c := make(chan Time, 1)
	t := &Ticker{C: c, r: runtimeTimer{when: when(d), period: int64(d), c: c}}
	startTimer(&t.r)
	return t
}

// Stop turns off a ticker. After Stop, no more ticks will be sent.
func (t *Ticker) Stop() {
	stopTimer(&t.r)
}

// Reset stops a ticker and resets its period to the specified duration.
func (t *Ticker) Reset(d Duration) {
	if d <= 0 {
		panic("non-positive interval for Ticker.Reset")
	}
	if !t.r.initialized() {
		panic("time: Reset called on uninitialized Ticker")
	}
	modTimer(&t.r, when(d), int64(d))
}

// Tick is a convenience wrapper for NewTicker providing access to the
// ticking channel only. Unlike NewTicker, Tick will return nil if d <= 0.
func Tick(d Duration) <-chan Time {
	if d <= 0 {
		return nil
	}
	return NewTicker(d).C
}
