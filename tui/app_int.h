/* tui/app_int.h - what app.c lends app_run.c (one module in two files):
 * not for the panes or the front ends, which go through app.h. */
#ifndef PANICROOM_TUI_APP_INT_H
#define PANICROOM_TUI_APP_INT_H

#include <stddef.h>

#include "tui/app.h"

/* Sets a progress flag of the current lesson (also marks it started). */
void app_flag_set(App *app, const char *flag);
/* Saves progress; a failure is an error message, never fatal. */
void app_progress_write(App *app);
/* The console's verdict line: a check or cross mark, then the text. */
void app_verdict_set(App *app, Tone tone, const char *fmt, ...)
    PANICROOM_PRINTF(3, 4);
/* Empties the console under a new title. */
void app_console_reset(App *app, const char *title);
/* Line mode: prints the console and its verdict line. */
void app_console_print(App *app);
/* Re-reads the working copy and the diff against it. */
void app_work_reload(App *app);
/* Writes the working copy (and its folder); 0, or -1 after a message. */
int app_work_write(App *app, const char *text, size_t len);

/* The trace of a run (app_trace.c): begin empties the model for a run of
 * view (file is the name the engine gives the source); line takes one
 * result-channel line (events start with '{'; the exit record does
 * not and is skipped); end settles the cursor once the child is gone. */
void app_trace_begin(App *app, CodeView view, const char *file);
void app_trace_feed(App *app, const char *line, size_t n);
void app_trace_end(App *app);
/* Forgets the trace (another lesson is open). */
void app_trace_clear(App *app);

#endif
