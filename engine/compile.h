/* compile.h - from checked trees to bytecode (program.h, opcodes.def).
 *
 * Decides storage (locals in frame slots; variables that are captured or
 * whose address is taken live in heap boxes; Go 1.22 per-iteration loop
 * variables get a fresh box each iteration), emits value copies wherever
 * Go copies a struct or array, builds the run-time method tables of every
 * type converted to an interface (with wrappers for promoted methods), and
 * binds body-less prelude functions to their natives (native.h). */
#ifndef PANICROOM_ENGINE_COMPILE_H
#define PANICROOM_ENGINE_COMPILE_H

#include "engine/check.h"
#include "engine/diag.h"
#include "engine/program.h"

/* Takes ownership of u (the Program frees it).  Returns NULL only for
 * panicroom bugs (reported to diags), e.g. a missing native. */
Program *compile_program(Universe *u, const CheckResult *cr, Diags *diags);

#endif
