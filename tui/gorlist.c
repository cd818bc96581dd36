/* tui/gorlist.c - goroutine headers of a crash dump (see gorlist.h). */
#include "tui/gorlist.h"

#include <stdlib.h>
#include <string.h>

static size_t copy_upto(char *dst, size_t cap, const char *s, size_t n)
{
  size_t k = n < cap - 1 ? n : cap - 1;
  memcpy(dst, s, k);
  dst[k] = '\0';
  return k;
}

/* "goroutine N [STATE]:" at line[0, n); fills e. */
static int parse_header(const char *line, size_t n, GorEntry *e)
{
  static const char pre[] = "goroutine ";
  if (n < sizeof pre || memcmp(line, pre, sizeof pre - 1) != 0)
    return 0;
  char *end;
  long id = strtol(line + sizeof pre - 1, &end, 10);
  if (end == line + sizeof pre - 1 || *end != ' ' || end[1] != '[')
    return 0;
  const char *st = end + 2;
  const char *close = memchr(st, ']', (size_t)(line + n - st));
  if (!close || close + 1 >= line + n || close[1] != ':')
    return 0;
  e->id = id;
  copy_upto(e->state, sizeof e->state, st, (size_t)(close - st));
  e->func[0] = '\0';
  return 1;
}

size_t gorlist_parse(const char *text, size_t len, GorEntry *out, size_t max)
{
  size_t count = 0, i = 0;
  GorEntry *last = NULL;
  while (i < len) {
    const char *nl = memchr(text + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - text) : len;
    GorEntry e;
    if (parse_header(text + i, end - i, &e)) {
      last = count < max ? &out[count] : NULL;
      if (last)
        *last = e;
      count++;
    } else if (last && !last->func[0] && end > i && text[i] != '\t') {
      /* The frame under the header: "main.(*T).M(0x1, ...)" loses its
       * argument list, found by matching parentheses from the end. */
      size_t k = end - i;
      while (k > 0 && text[i + k - 1] == ' ')
        k--;
      if (k > 0 && text[i + k - 1] == ')') {
        int depth = 0;
        size_t j = k;
        while (j-- > 0)
          if (text[i + j] == ')')
            depth++;
          else if (text[i + j] == '(' && --depth == 0)
            break;
        k = j == (size_t)-1 ? k : j;
      }
      copy_upto(last->func, sizeof last->func, text + i, k);
      last = NULL;
    }
    i = end + 1;
  }
  return count;
}
