/* program.c - the instruction tables, line lookup and the Program's
 * construction and release (program.h).
 *
 * Design: a Program is built incrementally by the compiler through the
 * prog_* helpers (compile_int.h), which keep the growable arrays' capacity
 * outside the Program so the public struct stays what the VM reads. */
#include "engine/program.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/compile_int.h"

const int8_t op_operands[OP__COUNT] = {
#define OPCODE(name, operands, doc) [OP_##name] = operands,
#include "engine/opcodes.def"
#undef OPCODE
};

const char *const op_names[OP__COUNT] = {
#define OPCODE(name, operands, doc) [OP_##name] = #name,
#include "engine/opcodes.def"
#undef OPCODE
};

int func_line(const Func *f, uint32_t pc) {
  if (!f || !f->lines || f->ncode == 0) return f ? f->pos.line : 0;
  if (pc >= (uint32_t)f->ncode) pc = (uint32_t)f->ncode - 1;
  return f->lines[pc];
}

static void func_free(Func *f) {
  free(f->code);
  free(f->lines);
  free(f);
}

void program_free(Program *p) {
  if (!p) return;
  for (int i = 0; i < p->nfuncs; i++) func_free(p->funcs[i]);
  free(p->funcs);
  free(p->consts);
  free(p->types);
  free(p->global_types);
  heap_fini(&p->heap);
  if (p->universe) types_free_universe(p->universe);
  free(p);
}

/* Doubles *cap when n reaches it; returns the (maybe moved) array. */
static void *grow(void *arr, int n, int *cap, size_t elem) {
  if (n < *cap) return arr;
  *cap = *cap ? 2 * *cap : 16;
  return xrealloc(arr, elem * (size_t)*cap);
}

int prog_add_func(Program *p, int *cap, Func *f) {
  p->funcs = grow(p->funcs, p->nfuncs, cap, sizeof *p->funcs);
  f->index = p->nfuncs;
  p->funcs[p->nfuncs++] = f;
  return f->index;
}

int prog_add_const(Program *p, int *cap, Value v) {
  p->consts = grow(p->consts, p->nconsts, cap, sizeof *p->consts);
  p->consts[p->nconsts] = v;
  return p->nconsts++;
}

/* Type.id caches the index; it is trusted only if the table agrees, so a
 * Type left with a stale id by an earlier Program is re-registered. */
int prog_type_index(Program *p, int *cap, Type *t) {
  if (t->id >= 0 && t->id < p->ntypes && p->types[t->id] == t) return t->id;
  p->types = grow(p->types, p->ntypes, cap, sizeof *p->types);
  t->id = p->ntypes;
  p->types[p->ntypes++] = t;
  return t->id;
}

/* Compile-time strings live on the Program's heap as the VM's own do, so
 * the VM never needs to tell the two apart. */
Value prog_string(Program *p, const char *s, size_t len) {
  Value v = {{0}, NULL};
  if (len == 0) return v;
  StrObj *o = (StrObj *)heap_alloc(&p->heap, OBJ_STRING,
                                   sizeof(StrObj) + len + 1);
  if (!o) die("out of memory for a string constant");
  o->len = (int64_t)len;
  memcpy(o->data, s, len);
  o->data[len] = '\0';
  v.as.p = o;
  return v;
}

Func *prog_new_func(const char *name, const char *file, Pos pos) {
  Func *f = xcalloc(1, sizeof *f);
  f->name = name;
  f->file = file;
  f->pos = pos;
  f->epilogue_pc = -1;
  f->index = -1;
  return f;
}

/* One line per instruction: "pc line NAME operands". */
void program_disasm(const Func *f, Buf *out) {
  buf_printf(out, "func %s params=%d results=%d locals=%d stack=%d\n",
             f->name, f->nparams, f->nresults, f->nlocals, f->maxstack);
  for (int pc = 0; pc < f->ncode;) {
    uint32_t op = f->code[pc];
    if (op >= OP__COUNT) {
      buf_printf(out, "%4d ??? %u\n", pc, op);
      pc++;
      continue;
    }
    int n = op_operands[op];
    if (op == OP_SELECT || op == OP_PRINT) n += (int)f->code[pc + 1];
    buf_printf(out, "%4d %3d %s", pc, f->lines[pc], op_names[op]);
    for (int i = 1; i <= n && pc + i < f->ncode; i++)
      buf_printf(out, " %d", (int32_t)f->code[pc + i]);
    buf_putc(out, '\n');
    pc += 1 + n;
  }
}
