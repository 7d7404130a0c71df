package lists

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseISODate parses YYYY-MM-DD, YYYY-MM or YYYY, checking that the date
// exists in the calendar.
func ParseISODate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	var d Date
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("%w: %q is not YYYY-MM-DD, YYYY-MM or YYYY", ErrDate, s)
	}
	nums := [3]*int{&d.Year, &d.Month, &d.Day}
	for i, p := range parts {
		if (i > 0 && len(p) != 2) || !allDigits(p) {
			return Date{}, fmt.Errorf("%w: %q is not YYYY-MM-DD, YYYY-MM or YYYY", ErrDate, s)
		}
		*nums[i], _ = strconv.Atoi(p)
	}
	if err := d.validate(); err != nil {
		return Date{}, fmt.Errorf("%w: %q: %w", ErrDate, s, err)
	}
	return d, nil
}

// validate checks that the known parts of d make a real date.
func (d Date) validate() error {
	if d.Year < 1000 || d.Year > 9999 {
		return fmt.Errorf("year %d out of range", d.Year)
	}
	if d.Month == 0 {
		if d.Day != 0 {
			return fmt.Errorf("day without month")
		}
		return nil
	}
	if d.Month < 1 || d.Month > 12 {
		return fmt.Errorf("month %d out of range", d.Month)
	}
	if d.Day == 0 {
		return nil
	}
	t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	if t.Day() != d.Day {
		return fmt.Errorf("day %d out of range for %04d-%02d", d.Day, d.Year, d.Month)
	}
	return nil
}

// NewDate returns the Date year-month-day (month and day may be 0 when not
// known), or an error wrapping [ErrDate] if it is not a calendar date.
func NewDate(year, month, day int) (Date, error) {
	d := Date{Year: year, Month: month, Day: day}
	if err := d.validate(); err != nil {
		return Date{}, fmt.Errorf("%w: %w", ErrDate, err)
	}
	return d, nil
}

var monthAbbrev = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// parseMonthName returns the month number of an English month name or its
// three-letter abbreviation, or 0.
func parseMonthName(s string) int {
	s = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if len(s) < 3 {
		return 0
	}
	m := monthAbbrev[s[:3]]
	if m == 0 {
		return 0
	}
	if len(s) > 3 && !strings.HasPrefix(time.Month(m).String(), strings.ToUpper(s[:1])+s[1:]) {
		if s != "sept" {
			return 0
		}
	}
	return m
}

// parseDayMonthYear parses the English forms OFAC and others write:
// "12 Feb 1970", "Feb 1970", "1970", "12 February 1970".
func parseDayMonthYear(s string) (Date, error) {
	f := strings.Fields(s)
	var d Date
	bad := func() (Date, error) {
		return Date{}, fmt.Errorf("%w: %q is not a date like 12 Feb 1970, Feb 1970 or 1970", ErrDate, s)
	}
	switch len(f) {
	case 1:
		if len(f[0]) != 4 || !allDigits(f[0]) {
			return bad()
		}
		d.Year, _ = strconv.Atoi(f[0])
	case 2:
		d.Month = parseMonthName(f[0])
		if d.Month == 0 || len(f[1]) != 4 || !allDigits(f[1]) {
			return bad()
		}
		d.Year, _ = strconv.Atoi(f[1])
	case 3:
		if !allDigits(f[0]) || len(f[0]) > 2 {
			return bad()
		}
		d.Day, _ = strconv.Atoi(f[0])
		d.Month = parseMonthName(f[1])
		if d.Month == 0 || len(f[2]) != 4 || !allDigits(f[2]) {
			return bad()
		}
		d.Year, _ = strconv.Atoi(f[2])
	default:
		return bad()
	}
	if err := d.validate(); err != nil {
		return Date{}, fmt.Errorf("%w: %q: %w", ErrDate, s, err)
	}
	return d, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
