/* runner/record.c - see record.h.  The parser walks the line once with a
 * cursor and stops at the first deviation; each field names itself in the
 * error so a broken record is easy to trace back to its writer. */
#include "runner/record.h"

#include <inttypes.h>
#include <limits.h>
#include <string.h>

#include "base/os.h"

static const char *const end_names[] = {
    [VM_END_EXIT] = "exit",         [VM_END_PANIC] = "panic",
    [VM_END_FATAL] = "fatal",       [VM_END_DEADLOCK] = "deadlock",
    [VM_END_STEPS] = "steps",       [VM_END_OOM] = "oom",
};
#define NEND (sizeof end_names / sizeof end_names[0])

const char *record_end_name(VMEnd end)
{
  return (unsigned)end < NEND ? end_names[end] : NULL;
}

void record_from_engine(Record *rec, const EngineResult *r)
{
  const char *first = r->first_error ? r->first_error : "";
  size_t n = strcspn(first, "\n");

  memset(rec, 0, sizeof *rec);
  rec->end = r->end;
  rec->status = r->exit_status;
  rec->compile_error = r->compile_error != 0;
  rec->steps = r->steps;
  rec->goroutines = r->ngoroutines;
  rec->races = r->races;
  rec->leaks = r->leaks;
  if (n > RECORD_FIRST_MAX)
    n = RECORD_FIRST_MAX;
  memcpy(rec->first, first, n);
  rec->first[n] = '\0';
}

static void put_escaped(Buf *out, const char *s)
{
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p >= '!' && *p <= '~' && *p != '%')
      buf_putc(out, (char)*p);
    else
      buf_printf(out, "%%%02X", *p);
  }
}

void record_format(const Record *rec, Buf *out)
{
  const char *end = record_end_name(rec->end);

  buf_printf(out, "end=%s status=%d compile=%d steps=%" PRId64
             " goroutines=%d races=%d leaks=%d first=",
             end ? end : "?", rec->status, rec->compile_error ? 1 : 0,
             rec->steps, rec->goroutines, rec->races, rec->leaks);
  put_escaped(out, rec->first);
  buf_putc(out, '\n');
}

int record_write(int fd, const EngineResult *r)
{
  Record rec;
  Buf line = BUF_INIT;
  int rc;

  record_from_engine(&rec, r);
  record_format(&rec, &line);
  /* One write: a pipe write of <= PIPE_BUF bytes is atomic, so the parent
   * never sees half a record next to another writer's bytes. */
  rc = os_write_all(fd, line.data, line.len);
  buf_fini(&line);
  return rc;
}

/* --- parsing ------------------------------------------------------------ */

typedef struct Cursor {
  const char *p, *end;
} Cursor;

static int take_key(Cursor *c, const char *key)
{
  size_t n = strlen(key);

  if ((size_t)(c->end - c->p) < n || memcmp(c->p, key, n) != 0)
    return -1;
  c->p += n;
  return 0;
}

/* A decimal in 0..max ending at ' ' or '\n' (not consumed). */
static int take_uint(Cursor *c, uint64_t max, uint64_t *out)
{
  const char *start = c->p;
  uint64_t v = 0;

  while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
    unsigned d = (unsigned)(*c->p - '0');

    if (d > max || v > (max - d) / 10) /* v * 10 + d > max */
      return -1;
    v = v * 10 + d;
    c->p++;
  }
  if (c->p == start || (*start == '0' && c->p - start > 1))
    return -1;
  *out = v;
  return 0;
}

static int take_end(Cursor *c, VMEnd *out)
{
  size_t n = 0;

  while (c->p + n < c->end && c->p[n] != ' ')
    n++;
  for (size_t i = 0; i < NEND; i++) {
    if (strlen(end_names[i]) == n && memcmp(c->p, end_names[i], n) == 0) {
      *out = (VMEnd)i;
      c->p += n;
      return 0;
    }
  }
  return -1;
}

static int hexval(char ch)
{
  if (ch >= '0' && ch <= '9')
    return ch - '0';
  if (ch >= 'A' && ch <= 'F')
    return ch - 'A' + 10;
  return -1; /* lowercase too: the writer only makes uppercase */
}

/* The escaped first line, up to (not including) the final '\n'. */
static int take_first(Cursor *c, char *out)
{
  size_t n = 0;

  while (c->p < c->end && *c->p != '\n') {
    int ch = (unsigned char)*c->p, hi, lo;

    if (ch == '%') {
      if (c->end - c->p < 3 || (hi = hexval(c->p[1])) < 0 ||
          (lo = hexval(c->p[2])) < 0 || (hi | lo) == 0)
        return -1;
      ch = hi * 16 + lo;
      c->p += 3;
    } else if (ch >= '!' && ch <= '~') {
      c->p++;
    } else {
      return -1;
    }
    if (n == RECORD_FIRST_MAX)
      return -1;
    out[n++] = (char)ch;
  }
  out[n] = '\0';
  return 0;
}

/* status= .. leaks=, each " key=N" with its own bound. */
static int parse_numbers(Cursor *c, Record *rec, const char **why)
{
  static const struct {
    const char *key;
    uint64_t max;
    const char *why;
  } f[] = {
      {" status=", 255, "bad or missing status= (0..255)"},
      {" compile=", 1, "bad or missing compile= (0 or 1)"},
      {" steps=", INT64_MAX, "bad or missing steps="},
      {" goroutines=", INT_MAX, "bad or missing goroutines="},
      {" races=", INT_MAX, "bad or missing races="},
      {" leaks=", INT_MAX, "bad or missing leaks="},
  };
  uint64_t v[sizeof f / sizeof f[0]];

  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
    if (take_key(c, f[i].key) < 0 || take_uint(c, f[i].max, &v[i]) < 0) {
      *why = f[i].why;
      return -1;
    }
  }
  rec->status = (int)v[0];
  rec->compile_error = v[1] != 0;
  rec->steps = (int64_t)v[2];
  rec->goroutines = (int)v[3];
  rec->races = (int)v[4];
  rec->leaks = (int)v[5];
  return 0;
}

int record_parse(const char *line, size_t n, Record *rec, const char **why)
{
  Cursor c = {line, line + n};

  memset(rec, 0, sizeof *rec);
  if (take_key(&c, "end=") < 0 || take_end(&c, &rec->end) < 0) {
    *why = "bad or missing end=";
    return -1;
  }
  if (parse_numbers(&c, rec, why) < 0)
    return -1;
  if (take_key(&c, " first=") < 0 || take_first(&c, rec->first) < 0) {
    *why = "bad or missing first=";
    return -1;
  }
  if (take_key(&c, "\n") < 0 || c.p != c.end) {
    *why = "no newline at the end, or bytes after it";
    return -1;
  }
  return 0;
}
