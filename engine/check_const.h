/* check_const.h - constant literals and constant arithmetic (private to the
 * checker; see check_const.c). */
#ifndef PANICROOM_ENGINE_CHECK_CONST_H
#define PANICROOM_ENGINE_CHECK_CONST_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/mem.h"
#include "engine/ast.h"

/* __extension__ keeps -Wpedantic quiet about the GCC/Clang 128-bit type. */
__extension__ typedef __int128 CstInt;

/* An integer constant wider than 64 bits, held approximately in f. */
#define CST_HUGE(v) ((v)->kind == CV_INT && (v)->is_big_u && (v)->u == 0)

typedef enum CstStatus { CST_OK, CST_OVERFLOW, CST_DIVZERO, CST_BADOP } CstStatus;

bool cst_parse_int(const char *s, size_t n, ConstVal *out);
bool cst_float_lit(const char *lit, size_t n, ConstVal *out);
void cst_string(Arena *a, const char *lit, size_t n, ConstVal *out);
void cst_char(const char *lit, size_t n, ConstVal *out);
bool cst_from_int(CstInt v, ConstVal *out);
CstInt cst_int(const ConstVal *v);
double cst_float(const ConstVal *v);
/* The exact value of a float constant (f plus the rest kept in u; see
 * check_const.c), or an integer constant's value. */
long double cst_ld(const ConstVal *v);
/* v = the float constant x. */
void cst_set_ld(ConstVal *v, long double x);
void cst_utf8(Buf *b, uint32_t r);
/* x op y; as_float: treat integers as floats (untyped float context). */
CstStatus cst_binary(Arena *a, TokKind op, const ConstVal *x,
                     const ConstVal *y, bool as_float, ConstVal *r);
CstStatus cst_shift(TokKind op, const ConstVal *x, uint64_t s, ConstVal *r);
bool cst_compare(TokKind op, const ConstVal *x, const ConstVal *y);
void cst_write(const ConstVal *v, Buf *out);

#endif
