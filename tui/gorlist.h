/* tui/gorlist.h - the goroutines of a Go crash dump ("goroutine 1
 * [chan send]:" and the function on the next line), for the diagram
 * slot's placeholder until the event trace feeds real diagrams. Pure
 * text in, list out; no curses. */
#ifndef PANICROOM_TUI_GORLIST_H
#define PANICROOM_TUI_GORLIST_H

#include <stddef.h>

/* A dump lists every goroutine; a screen shows a few dozen at most. */
#define GORLIST_MAX 64

typedef struct GorEntry {
  long id;
  char state[48]; /* "running", "chan receive (nil chan)" (truncated) */
  char func[64];  /* "main.(*Queue).Submit" */
} GorEntry;

/* Fills at most max entries from text; returns how many were found in
 * all (which may exceed max). */
size_t gorlist_parse(const char *text, size_t len, GorEntry *out,
                     size_t max);

#endif
