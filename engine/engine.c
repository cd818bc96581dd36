/* engine.c - the engine's front door: read -> parse -> check -> compile ->
 * run (engine.h).
 *
 * Design: each stage owns its failure mode.  Errors in the learner's code
 * are diagnostics, printed as `go build` prints them (without the
 * "# command-line-arguments" header) with exit status 2; how the program
 * ended is the VM's business.  Everything the run allocated is released
 * before returning, so a runner can call this more than once per process
 * (tests do). */
#include "engine/engine.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/os.h"
#include "engine/check.h"
#include "engine/compile.h"
#include "engine/parse.h"

static void out(const VMOptions *opts, int fd, const char *p, size_t n) {
  if (opts && opts->write) opts->write(opts->write_ctx, fd, p, n);
  else (void)os_write_all(fd, p, n);
}

static char *first_line(const char *s) {
  if (!s || !*s) return NULL;
  const char *nl = strchr(s, '\n');
  return xstrndup(s, nl ? (size_t)(nl - s) : strlen(s));
}

/* Prints the diagnostics and fills res for a program that did not
 * compile. */
static int report(Diags *d, const VMOptions *opts, EngineResult *res) {
  Buf b = BUF_INIT;
  diag_format(d, &b);
  if (b.len == 0) buf_puts(&b, "panicroom: compilation failed\n");
  out(opts, 2, b.data, b.len);
  res->compile_error = 1;
  res->end = VM_END_EXIT;
  res->exit_status = 2;
  res->first_error = first_line(b.data);
  buf_fini(&b);
  return 2;
}

static int count_goroutines(VM *vm) {
  int n = 0;
  for (Goroutine *g = sched_all(vm_sched(vm)); g; g = g->alllink) n++;
  return n;
}

static int run(Program *prog, const VMOptions *opts, EngineResult *res) {
  VMOptions o = opts ? *opts : (VMOptions){0};
  VM *vm = vm_new(prog, &o);
  int status = vm_run(vm);
  res->exit_status = status;
  res->end = vm_end(vm);
  res->first_error = first_line(vm_end_message(vm));
  res->ngoroutines = count_goroutines(vm);
  res->steps = vm_steps(vm);
  res->races = vm_races(vm);
  res->leaks = vm_leaks(vm);
  vm_free(vm);
  return status;
}

int engine_run(const char *filename, const char *src, size_t len,
               const VMOptions *opts, EngineResult *res) {
  memset(res, 0, sizeof *res);
  Diags d;
  diag_init(&d, filename);
  Universe *u = types_new_universe();
  Node *file = parse_file(types_arena(u), filename, src, len, &d);
  CheckResult cr;
  memset(&cr, 0, sizeof cr);
  Program *prog = NULL;
  if (!diag_any(&d) && check_program(u, file, &d, &cr) && !diag_any(&d)) {
    CompileOptions co = {.race = opts && opts->race};
    prog = compile_program_opts(u, &cr, &d, &co); /* owns u from here */
    u = NULL;
  }
  int status;
  if (!prog) status = report(&d, opts, res);
  else status = run(prog, opts, res);
  program_free(prog);
  if (u) types_free_universe(u);
  diag_fini(&d);
  return status;
}

void engine_result_fini(EngineResult *res) {
  free(res->first_error);
  res->first_error = NULL;
}
