// Dates, fields and Format layouts (in UTC).
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Date(2009, time.November, 10, 23, 4, 5, 120000000, time.UTC)
	fmt.Println(t)
	fmt.Println(t.Format(time.RFC3339), t.Format(time.RFC3339Nano))
	fmt.Println(t.Format(time.Kitchen), "|", t.Format(time.ANSIC), "|", t.Format(time.UnixDate))
	fmt.Println(t.Format(time.RFC1123), "|", t.Format(time.RFC822Z), "|", t.Format(time.StampMilli))
	fmt.Println(t.Format("2006/01/02 3:04:05.000 pm Monday January _2 06"))
	fmt.Println(t.Format("Monkey Janitor 15h04m05s .999 ,00"))
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	fmt.Println(y, m, d, h, mi, s, t.Nanosecond(), t.Weekday(), t.YearDay())
	fmt.Println(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second())
	fmt.Println(t.Unix(), t.UnixMilli(), t.UnixNano())
	fmt.Println(time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC).Weekday(), time.Date(2023, 14, 35, 25, 61, 0, 0, time.UTC))
	fmt.Println(time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC).Unix(), time.Unix(-86400*365, 0))
	fmt.Println(time.Unix(0, 0).UTC(), time.Month(13), time.Weekday(7), time.March, time.Saturday)
	fmt.Println(t.Truncate(time.Hour), t.Round(time.Second), t.Round(100*time.Millisecond))
	fmt.Println(t.Location(), time.UTC, t.UTC().Equal(t))
}
