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

/* Fills res for a program that did not compile, whose diagnostics are
 * in diags (already formatted); prints them. */
static int report(Buf *diags, const VMOptions *opts, EngineResult *res) {
  if (diags->len == 0) buf_puts(diags, "panicroom: compilation failed\n");
  out(opts, 2, diags->data, diags->len);
  res->compile_error = 1;
  res->end = VM_END_EXIT;
  res->exit_status = 2;
  res->first_error = first_line(buf_cstr(diags));
  return 2;
}

Program *engine_compile(const char *filename, const char *src, size_t len,
                        Buf *errors, bool race) {
  Diags d;
  diag_init(&d, filename);
  Universe *u = types_new_universe();
  Node *file = parse_file(types_arena(u), filename, src, len, &d);
  CheckResult cr;
  memset(&cr, 0, sizeof cr);
  Program *prog = NULL;
  if (!diag_any(&d) && check_program(u, file, &d, &cr) && !diag_any(&d)) {
    CompileOptions co = {.race = race};
    prog = compile_program_opts(u, &cr, &d, &co); /* owns u from here */
    u = NULL;
  }
  if (!prog && errors) diag_format(&d, errors);
  if (u) types_free_universe(u);
  diag_fini(&d);
  return prog;
}

int engine_exec(Program *prog, const VMOptions *opts, EngineResult *res) {
  memset(res, 0, sizeof *res);
  VMOptions o = opts ? *opts : (VMOptions){0};
  VM *vm = vm_new(prog, &o);
  int status = vm_run(vm);
  res->exit_status = status;
  res->end = vm_end(vm);
  res->first_error = first_line(vm_end_message(vm));
  res->ngoroutines = vm_goroutines(vm);
  res->steps = vm_steps(vm);
  res->races = vm_races(vm);
  res->leaks = vm_leaks(vm);
  vm_free(vm);
  return status;
}

int engine_run(const char *filename, const char *src, size_t len,
               const VMOptions *opts, EngineResult *res) {
  Buf diags = BUF_INIT;
  Program *prog =
      engine_compile(filename, src, len, &diags, opts && opts->race);
  int status;
  if (prog) {
    status = engine_exec(prog, opts, res);
  } else {
    memset(res, 0, sizeof *res);
    status = report(&diags, opts, res);
  }
  program_free(prog);
  buf_fini(&diags);
  return status;
}

void engine_result_fini(EngineResult *res) {
  free(res->first_error);
  res->first_error = NULL;
}
