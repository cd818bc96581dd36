/* compile.h - from checked trees to bytecode (program.h, opcodes.def).
 *
 * Decides storage (locals in frame slots; variables that are captured or
 * whose address is taken live in heap boxes; Go 1.22 per-iteration loop
 * variables get a fresh box each iteration), emits value copies wherever
 * Go copies a struct or array, builds the run-time method tables of every
 * type converted to an interface (with wrappers for promoted methods), and
 * binds body-less prelude functions to their natives (native.h).
 *
 * Conventions shared with the VM (vm.c):
 * - Frame: slots 0.. are the parameters (receiver first; a variadic
 *   parameter is one slot holding a slice, packed by the caller with
 *   SLICELIT unless the call has xs...), then the result slots
 *   (nparams..nparams+nresults-1, zeroed by the VM), then locals (zeroed;
 *   the compiler emits ZERO for struct/array variables).  `return a, b`
 *   stores the result slots, then JMPs to the epilogue (functions with a
 *   defer) or RETs.  Epilogue at Func.epilogue_pc: RUNDEFERS; for each
 *   boxed named result LOCAL s; LOADREF; SETLOCAL s; RET.  epilogue_pc is
 *   -1 without defer statements.
 * - Boxes: a captured or address-taken local's slot holds a pointer to a
 *   BoxObj (BOXNEW at declaration, BOXGET/BOXSET, &x is LOCAL s); boxed
 *   parameters are boxed on entry.  Closures: CLOSURE f n with the box
 *   pointers (LOCAL s, or UPREF i for an upvalue of the enclosing
 *   closure); inside, UPGET/UPSET/UPREF.
 * - Globals: one slot per package-level variable; Program.entry (named
 *   runtime.main, marked wrapper so tracebacks hide it) zeroes aggregate
 *   globals, runs each package's initialisers in var_order and its init
 *   functions, then calls main.main and RETs.
 * - Values: struct/array slots hold an AggObj reference; COPY is emitted
 *   wherever Go copies (stores, arguments, returns, range values, bound
 *   receivers, sends), never for fresh values.  TOIFACE copies itself.
 * - Method tables: Type.rtmethods (sorted by name) for every type that
 *   meets an interface and for every declared named type with methods and
 *   its pointer; entries take exactly that receiver type (wrappers, with
 *   Func.wrapper set, deref/copy/walk embedded fields as needed).
 * - Evaluation order follows gc: the calls of a statement run first, in
 *   order, then plain operands are read (x + f() reads x after f).
 * - Names: "main.f", "main.T.M", "main.(*T).M", "main.main.func1",
 *   "main.main.func1.1", "main.init.0", "main.glob..func1"; method values
 *   "...-fm". */
#ifndef PANICROOM_ENGINE_COMPILE_H
#define PANICROOM_ENGINE_COMPILE_H

#include "engine/check.h"
#include "engine/diag.h"
#include "engine/program.h"

/* Takes ownership of u (the Program frees it).  Returns NULL only for
 * panicroom bugs (reported to diags), e.g. a missing native. */
Program *compile_program(Universe *u, const CheckResult *cr, Diags *diags);

/* Options that change the code itself.  race: `run --race` — every memory
 * access of the learner's code (variables, fields, elements, maps) gets a
 * RACE annotation word in front of it for the race detector (race.h), and
 * so does a call of sync.(*Once).Do; the prelude stays uninstrumented, as
 * Go's runtime and sync are, and a plain run never sees a RACE word. */
typedef struct CompileOptions {
  bool race;
} CompileOptions;
Program *compile_program_opts(Universe *u, const CheckResult *cr,
                              Diags *diags, const CompileOptions *opts);

#endif
