/* check_expr.c - expressions: operands, untyped constant conversion,
 * unary/binary operators, selectors, index/slice, composite literals and
 * function literals.  Calls and builtins are in check_call.c.
 *
 * Decision: untyped operands stay untyped until a context gives them a
 * type (chk_convert_untyped), exactly as go/types delays it; a conversion
 * rewrites node->type (and cv) of the node and, for untyped non-constant
 * expressions (comparisons, shifts), of the operands it was built from, so
 * the compiler never sees an untyped non-constant. */
#include <string.h>

#include "engine/check_const.h"
#include "engine/check_int.h"

static Type *invalid(Checker *c) { return types_basic(c->u, TY_INVALID); }

void chk_invalid(Node *n) {
  n->mode = EM_NONE;
  n->type = NULL;
}

static void set_invalid(Checker *c, Node *n) {
  n->mode = EM_NONE;
  n->type = invalid(c);
}

static bool bad(Node *n) {
  return n->mode == EM_NONE || !n->type || n->type->kind == TY_INVALID;
}

Pos chk_pos(Node *n) {
  switch (n->kind) {
  case N_SELECTOR:
  case N_INDEX:
  case N_SLICE:
  case N_CALL:
  case N_TYPEASSERT:
  case N_BINARY:
  case N_KEYVALUE:
    return n->a ? chk_pos(n->a) : n->pos;
  case N_COMPOSITE:
    return n->a ? chk_pos(n->a) : n->pos;
  default:
    return n->pos;
  }
}

const char *chk_typestr(Checker *c, Type *t) {
  return type_string(c->a, t, c->pkg);
}

/* ---- expression strings (types2's ExprString) -------------------------- */

static void write_expr(Checker *c, Node *n, Buf *b);

static void write_list(Checker *c, NodeList *l, Buf *b) {
  for (int i = 0; i < l->len; i++) {
    if (i) buf_puts(b, ", ");
    write_expr(c, l->items[i], b);
  }
}

static void write_type_node(Checker *c, Node *n, Buf *b) {
  if (n->type && n->mode == EM_TYPE) type_write(n->type, c->pkg, b);
  else buf_puts(b, "?");
}

static void write_expr(Checker *c, Node *n, Buf *b) {
  if (!n) return;
  switch (n->kind) {
  case N_IDENT: buf_puts(b, n->name); return;
  case N_BASICLIT: buf_append(b, n->lit, n->litlen); return;
  case N_PAREN:
    buf_putc(b, '(');
    write_expr(c, n->a, b);
    buf_putc(b, ')');
    return;
  case N_SELECTOR:
    write_expr(c, n->a, b);
    buf_printf(b, ".%s", n->name);
    return;
  case N_INDEX:
    write_expr(c, n->a, b);
    buf_putc(b, '[');
    write_expr(c, n->b, b);
    buf_putc(b, ']');
    return;
  case N_SLICE:
    write_expr(c, n->a, b);
    buf_putc(b, '[');
    write_expr(c, n->b, b);
    buf_putc(b, ':');
    write_expr(c, n->c, b);
    if (n->flags & NF_SLICE3) {
      buf_putc(b, ':');
      write_expr(c, n->d, b);
    }
    buf_putc(b, ']');
    return;
  case N_TYPEASSERT:
    write_expr(c, n->a, b);
    buf_puts(b, ".(");
    if (n->b) write_expr(c, n->b, b);
    else buf_puts(b, "type");
    buf_putc(b, ')');
    return;
  case N_CALL:
    write_expr(c, n->a, b);
    buf_putc(b, '(');
    write_list(c, &n->list, b);
    if (n->flags & NF_ELLIPSIS) buf_puts(b, "...");
    buf_putc(b, ')');
    return;
  case N_STAR:
    buf_putc(b, '*');
    write_expr(c, n->a, b);
    return;
  case N_UNARY:
    buf_puts(b, tok_spelling(n->op));
    write_expr(c, n->a, b);
    return;
  case N_BINARY:
    write_expr(c, n->a, b);
    buf_printf(b, " %s%s ", tok_spelling(n->op),
               n->flags & CHK_NF_OPASSIGN ? "=" : "");
    write_expr(c, n->b, b);
    return;
  case N_KEYVALUE:
    write_expr(c, n->a, b);
    buf_puts(b, ": ");
    write_expr(c, n->b, b);
    return;
  case N_COMPOSITE:
    if (n->a) write_expr(c, n->a, b);
    buf_puts(b, n->list.len ? "{…}" : "{}");
    return;
  case N_FUNCLIT:
    buf_puts(b, "func literal");
    return;
  default:
    write_type_node(c, n, b);
    return;
  }
}

const char *chk_exprstr(Checker *c, Node *n) {
  Buf b = BUF_INIT;
  write_expr(c, n, &b);
  const char *s = arena_strndup(c->a, b.data ? b.data : "", b.len);
  buf_fini(&b);
  return s;
}

static const char *mode_word(ExprMode m) {
  switch (m) {
  case EM_VAR: return "variable";
  case EM_MAPINDEX: return "map index expression";
  case EM_COMMAOK: return "comma, ok expression";
  case EM_CONST: return "constant";
  case EM_TYPE: return "type";
  case EM_BUILTIN: return "built-in";
  case EM_NOVALUE: return "no value";
  default: return "value";
  }
}

/* types2's operand string: "x (variable of type int)",
 * "300 (untyped int constant)", "k (untyped int constant 300)". */
const char *chk_operand(Checker *c, Node *n) {
  Buf b = BUF_INIT;
  const char *es = chk_exprstr(c, n);
  buf_puts(&b, es);
  if (n->type && n->type->kind == TY_UNTYPED_NIL) goto done;
  buf_puts(&b, " (");
  bool untyped = n->type && type_is_untyped(n->type);
  if (untyped) buf_printf(&b, "%s ", n->type->name);
  buf_puts(&b, mode_word(n->mode));
  if (n->mode == EM_CONST) {
    Buf v = BUF_INIT;
    cst_write(&n->cv, &v);
    if (v.data && strcmp(v.data, es) != 0) buf_printf(&b, " %s", v.data);
    buf_fini(&v);
  }
  if (!untyped && n->type && n->mode != EM_TYPE && n->mode != EM_BUILTIN &&
      n->mode != EM_NOVALUE) {
    buf_puts(&b, " of type ");
    type_write(n->type, c->pkg, &b);
  }
  buf_putc(&b, ')');
done:;
  const char *s = arena_strndup(c->a, b.data, b.len);
  buf_fini(&b);
  return s;
}

/* ---- untyped conversion ------------------------------------------------ */

static bool is_shift(TokKind op) { return op == T_SHL || op == T_SHR; }

static bool is_comparison(TokKind op) {
  return op == T_EQL || op == T_NEQ || op == T_LSS || op == T_LEQ ||
         op == T_GTR || op == T_GEQ;
}

static void set_untyped_tree(Checker *c, Node *n, Type *t);

static void retype(Checker *c, Node *n, Type *t) {
  if (!n || !n->type || !type_is_untyped(n->type)) return;
  set_untyped_tree(c, n, t);
}

/* Gives t to n and to the untyped operands n was built from. */
static void set_untyped_tree(Checker *c, Node *n, Type *t) {
  if (n->mode == EM_CONST) {
    ConstVal v;
    if (!type_is_interface(t) && type_representable(&n->cv, t, &v)) n->cv = v;
  }
  n->type = t;
  switch (n->kind) {
  case N_PAREN: retype(c, n->a, t); break;
  case N_UNARY: retype(c, n->a, t); break;
  case N_BINARY:
    if (is_comparison(n->op)) break;
    retype(c, n->a, t);
    if (!is_shift(n->op)) retype(c, n->b, t);
    break;
  default: break;
  }
}

/* Why constant cv cannot become t: " (overflows)", " (truncated)", "". */
static const char *conv_reason(const ConstVal *cv, Type *t) {
  if (!type_is_numeric(t)) return "";
  if (cv->kind == CV_FLOAT && type_is_integer(t)) {
    if (cv->f != (double)(int64_t)cv->f) return " (truncated)";
    return " (overflows)";
  }
  if (cv->kind == CV_INT || cv->kind == CV_FLOAT) return " (overflows)";
  return "";
}

/* Converts untyped n to target if possible; no message. */
static bool try_convert(Checker *c, Node *n, Type *target) {
  Type *v = n->type;
  if (!type_is_untyped(v) || target->kind == TY_INVALID) return true;
  if (type_is_untyped(target)) {
    set_untyped_tree(c, n, target);
    return true;
  }
  if (v->kind == TY_UNTYPED_NIL) {
    if (!type_assignable(c->u, v, NULL, target)) return false;
    n->type = target;
    return true;
  }
  if (type_is_interface(target)) {
    Type *d = type_default(c->u, v);
    /* fmt.Println(1 << 70): the default type must hold the constant. */
    if (n->mode == EM_CONST && !type_representable(&n->cv, d, NULL))
      return false;
    set_untyped_tree(c, n, d);
    return true;
  }
  if (n->mode == EM_CONST) {
    if (!type_representable(&n->cv, target, NULL)) return false;
  } else if (v->kind == TY_UNTYPED_BOOL ? !type_is_boolean(target)
                                        : !type_is_numeric(target)) {
    return false;
  }
  set_untyped_tree(c, n, target);
  return true;
}

void chk_convert_untyped(Checker *c, Node *n, Type *target) {
  if (bad(n) || try_convert(c, n, target)) return;
  if (n->mode == EM_CONST)
    CHK_ERR(c, chk_pos(n), "cannot use %s as %s value in %s%s",
            chk_operand(c, n), chk_typestr(c, target), "assignment",
            conv_reason(&n->cv, target));
  set_invalid(c, n);
}

void chk_default_in(Checker *c, Node *n, const char *context) {
  if (bad(n) || !type_is_untyped(n->type)) return;
  if (n->mode == EM_CONST && n->type->kind != TY_UNTYPED_NIL)
    chk_assign(c, n, type_default(c->u, n->type), context);
  chk_default(c, n); /* typed even after an error: no follow-on errors */
}

void chk_default(Checker *c, Node *n) {
  if (bad(n) || !type_is_untyped(n->type)) return;
  if (n->type->kind == TY_UNTYPED_NIL) return;
  set_untyped_tree(c, n, type_default(c->u, n->type));
}

static void implements_reason(Checker *c, Type *v, Type *t, Buf *b) {
  const char *miss = NULL;
  bool ptr = false;
  if (!type_is_interface(t) || type_implements(v, t, &miss, &ptr)) return;
  buf_printf(b, ":\n\t%s does not implement %s ", chk_typestr(c, v),
             chk_typestr(c, t));
  if (ptr) buf_printf(b, "(%s method has pointer receiver)", miss);
  else buf_printf(b, "(missing %s method)", miss);
}

bool chk_assign(Checker *c, Node *n, Type *t, const char *context) {
  if (bad(n) || !t || t->kind == TY_INVALID) return false;
  if (type_is_untyped(n->type)) {
    if (n->type->kind == TY_UNTYPED_NIL && !type_assignable(c->u, n->type,
                                                            NULL, t)) {
      CHK_ERR(c, chk_pos(n), "cannot use nil as %s value in %s",
              chk_typestr(c, t), context);
      return false;
    }
    if (!try_convert(c, n, t)) {
      /* Into an interface the constant fails as its default type. */
      Type *as = type_is_interface(t) ? type_default(c->u, n->type) : t;
      const char *why = n->mode == EM_CONST ? conv_reason(&n->cv, as) : "";
      CHK_ERR(c, chk_pos(n), "cannot use %s as %s value in %s%s",
              chk_operand(c, n), chk_typestr(c, as), context, why);
      return false;
    }
  }
  if (type_assignable(c->u, n->type, NULL, t)) return true;
  Buf why = BUF_INIT;
  implements_reason(c, n->type, t, &why);
  CHK_ERR(c, chk_pos(n), "cannot use %s as type %s in %s%s",
          chk_operand(c, n), chk_typestr(c, t), context,
          why.data ? why.data : "");
  buf_fini(&why);
  return false;
}

Type *chk_tuple_at(Node *n, int i) {
  return n->type && i < n->type->nresults ? n->type->results[i] : NULL;
}

bool chk_value(Checker *c, Node *n) {
  switch (n->mode) {
  case EM_NONE: return false;
  case EM_TYPE:
    CHK_ERR(c, chk_pos(n), "%s (type) is not an expression",
            chk_exprstr(c, n));
    break;
  case EM_BUILTIN:
    CHK_ERR(c, chk_pos(n), "%s (built-in) must be called",
            chk_exprstr(c, n));
    break;
  case EM_PKG:
    CHK_ERR(c, chk_pos(n), "use of package %s without selector",
            chk_exprstr(c, n));
    break;
  case EM_NOVALUE:
    CHK_ERR(c, chk_pos(n), "%s (no value) used as value", chk_exprstr(c, n));
    break;
  case EM_TUPLE:
    CHK_ERR(c, chk_pos(n), "multiple-value %s (value of type %s) in "
                           "single-value context",
            chk_exprstr(c, n), chk_typestr(c, n->type));
    break;
  default:
    return n->type && n->type->kind != TY_INVALID;
  }
  set_invalid(c, n);
  return false;
}

void chk_multi(Checker *c, Node *n) {
  chk_expr(c, n);
  if (n->mode == EM_TUPLE) return;
  chk_value(c, n);
}

/* ---- identifiers and literals ------------------------------------------ */

static void use_var(Checker *c, Sym *s) {
  if (s->global || !s->func || !c->func) return;
  if (s->func != c->func) s->captured = true;
}

static void ident(Checker *c, Node *n) {
  if (strcmp(n->name, "_") == 0) {
    CHK_ERR(c, n->pos, "cannot use _ as value");
    set_invalid(c, n);
    return;
  }
  Sym *s = chk_lookup(c, n->name);
  if (!s) {
    chk_undefined(c, n->pos, n->name);
    set_invalid(c, n);
    return;
  }
  n->sym = s;
  s->used = true;
  if (s->global && s->pkg == c->pkg) {
    chk_resolve_global(c, s);
    chk_dep(c, s);
  }
  n->type = s->type;
  switch (s->kind) {
  case SYM_VAR:
    n->mode = EM_VAR;
    use_var(c, s);
    break;
  case SYM_CONST:
    n->mode = EM_CONST;
    n->cv = s->cv;
    if (!s->pkg && strcmp(s->name, "iota") == 0) {
      if (!c->iota) {
        CHK_ERR(c, n->pos, "cannot use iota outside constant declaration");
        set_invalid(c, n);
        return;
      }
      n->cv = *c->iota;
    }
    break;
  case SYM_TYPE: n->mode = EM_TYPE; break;
  case SYM_FUNC: n->mode = EM_VALUE; break;
  case SYM_PKG: n->mode = EM_PKG; break;
  case SYM_BUILTIN: n->mode = EM_BUILTIN; break;
  case SYM_NIL: n->mode = EM_VALUE; n->cv.kind = CV_NIL; break;
  default: set_invalid(c, n); return;
  }
  if (!n->type && n->mode != EM_PKG && n->mode != EM_BUILTIN)
    set_invalid(c, n);
}

static void basiclit(Checker *c, Node *n) {
  bool ok = true;
  TypeKind k = TY_UNTYPED_INT;
  switch (n->op) {
  case T_INT: ok = cst_parse_int(n->lit, n->litlen, &n->cv); break;
  case T_FLOAT:
    ok = cst_float_lit(n->lit, n->litlen, &n->cv);
    k = TY_UNTYPED_FLOAT;
    break;
  case T_CHAR:
    cst_char(n->lit, n->litlen, &n->cv);
    k = TY_UNTYPED_RUNE;
    break;
  case T_STRING:
    cst_string(c->a, n->lit, n->litlen, &n->cv);
    k = TY_UNTYPED_STRING;
    break;
  default:
    CHK_ERR(c, n->pos, "panicroom: complex numbers are not supported");
    set_invalid(c, n);
    return;
  }
  if (!ok) {
    CHK_ERR(c, n->pos, "constant overflow");
    set_invalid(c, n);
    return;
  }
  n->mode = EM_CONST;
  n->type = types_basic(c->u, k);
}

static void funclit(Checker *c, Node *n) {
  Node *saved = c->func;
  c->func = n;
  Type *sig = chk_signature(c, n->a, NULL, false, NULL);
  c->func = saved;
  n->mode = EM_VALUE;
  n->type = sig;
  Sym *s = sym_new(c->a, SYM_FUNC, "func", sig, n->pos);
  s->pkg = c->pkg;
  s->decl = n;
  n->sym = s;
  if (sig->kind != TY_INVALID) chk_func_body(c, n, sig, n->b);
}

/* ---- unary and binary -------------------------------------------------- */

static bool op_ok(TokKind op, Type *t) {
  switch (op) {
  case T_ADD: return type_is_numeric(t) || type_is_string(t);
  case T_SUB:
  case T_MUL:
  case T_QUO: return type_is_numeric(t);
  case T_REM:
  case T_AND:
  case T_OR:
  case T_XOR:
  case T_AND_NOT: return type_is_integer(t);
  case T_LAND:
  case T_LOR:
  case T_NOT: return type_is_boolean(t);
  default: return false;
  }
}

/* A typed constant result must fit its type. */
static void check_overflow(Checker *c, Node *n) {
  if (n->mode != EM_CONST || type_is_untyped(n->type) ||
      !type_is_numeric(n->type))
    return;
  ConstVal v;
  if (type_representable(&n->cv, n->type, &v)) {
    n->cv = v;
    return;
  }
  CHK_ERR(c, chk_pos(n), "%s overflows %s", chk_operand(c, n),
          chk_typestr(c, n->type));
  set_invalid(c, n);
}

static void unary_const(Checker *c, Node *n, Node *x) {
  ConstVal zero = {.kind = CV_INT};
  n->cv = x->cv;
  if (n->op == T_NOT) {
    n->cv.b = !x->cv.b;
  } else if (n->op == T_SUB) {
    cst_binary(c->a, T_SUB, &zero, &x->cv, x->cv.kind == CV_FLOAT, &n->cv);
  } else if (n->op == T_XOR) {
    CstInt v = ~cst_int(&x->cv);
    if (type_is_unsigned(x->type)) {
      int bits = type_int_bits(x->type);
      CstInt mask = bits == 64 ? (CstInt)UINT64_MAX
                               : (((CstInt)1 << bits) - 1);
      v &= mask;
    }
    cst_from_int(v, &n->cv);
  }
  check_overflow(c, n);
}

static void addr_of(Checker *c, Node *n, Node *x) {
  Node *u = ast_unparen(x);
  if (u->kind == N_COMPOSITE) {
    chk_expr(c, u);
    x->mode = u->mode;
    x->type = u->type;
  } else {
    chk_expr(c, x);
  }
  if (bad(x)) { set_invalid(c, n); return; }
  if (x->mode != EM_VAR && u->kind != N_COMPOSITE) {
    CHK_ERR(c, chk_pos(n), "invalid operation: cannot take address of %s",
            chk_operand(c, x));
    { set_invalid(c, n); return; }
  }
  chk_mark_addr(c, x);
  n->mode = EM_VALUE;
  n->type = types_pointer(c->u, x->type);
}

static void receive(Checker *c, Node *n, Node *x) {
  Type *u = type_under(x->type);
  if (u->kind != TY_CHAN) {
    CHK_ERR(c, chk_pos(x), "invalid operation: cannot receive from "
                           "non-channel %s", chk_operand(c, x));
    { set_invalid(c, n); return; }
  }
  if (u->dir == CHAN_SEND) {
    CHK_ERR(c, chk_pos(x), "invalid operation: cannot receive from "
                           "send-only channel %s", chk_operand(c, x));
    { set_invalid(c, n); return; }
  }
  n->mode = EM_COMMAOK;
  n->type = u->elem;
}

static void unary(Checker *c, Node *n) {
  Node *x = n->a;
  if (n->op == T_AND) { addr_of(c, n, x); return; }
  chk_expr(c, x);
  if (!chk_value(c, x)) { set_invalid(c, n); return; }
  if (n->op == T_ARROW) { receive(c, n, x); return; }
  TokKind op = n->op == T_XOR ? T_AND : n->op; /* ^x needs an integer */
  if (n->op == T_ADD || n->op == T_SUB) op = T_SUB;
  if (!op_ok(op, x->type)) {
    CHK_ERR(c, chk_pos(x), "invalid operation: operator %s not defined on %s",
            tok_spelling(n->op), chk_operand(c, x));
    { set_invalid(c, n); return; }
  }
  n->type = x->type;
  n->mode = x->mode == EM_CONST ? EM_CONST : EM_VALUE;
  if (n->mode == EM_CONST) unary_const(c, n, x);
}

/* Rank of untyped kinds for mixing: int < rune < float. */
static int urank(Type *t) {
  switch (t->kind) {
  case TY_UNTYPED_INT: return 1;
  case TY_UNTYPED_RUNE: return 2;
  case TY_UNTYPED_FLOAT: return 3;
  default: return 0;
  }
}

static void mismatch(Checker *c, Node *n, Node *x, Node *y) {
  CHK_ERR(c, chk_pos(n), "invalid operation: %s (mismatched types %s and %s)",
          chk_exprstr(c, n), chk_typestr(c, x->type), chk_typestr(c, y->type));
  set_invalid(c, n);
}

/* Brings x and y to one type (spec "Operators"); false after an error. */
static bool match_types(Checker *c, Node *n, Node *x, Node *y) {
  bool ux = type_is_untyped(x->type), uy = type_is_untyped(y->type);
  if (ux && uy) {
    int rx = urank(x->type), ry = urank(y->type);
    if (rx && ry) {
      Type *t = rx >= ry ? x->type : y->type;
      set_untyped_tree(c, x, t);
      set_untyped_tree(c, y, t);
      return true;
    }
    if (x->type == y->type) return true;
    if (x->type->kind == TY_UNTYPED_NIL || y->type->kind == TY_UNTYPED_NIL)
      return true;
    mismatch(c, n, x, y);
    return false;
  }
  Node *u = ux ? x : uy ? y : NULL, *t = ux ? y : x;
  if (u) {
    if (type_is_interface(t->type) && !is_comparison(n->op) &&
        u->type->kind != TY_UNTYPED_NIL)
      chk_default(c, u);
    else if (!try_convert(c, u, t->type)) {
      if (u->mode == EM_CONST && type_is_numeric(u->type) &&
          type_is_numeric(t->type)) {
        CHK_ERR(c, chk_pos(u), "%s overflows %s", chk_operand(c, u),
                chk_typestr(c, t->type));
        set_invalid(c, n);
        return false;
      }
      mismatch(c, n, x, y);
      return false;
    }
  }
  if (x->type != y->type) {
    /* Comparison only needs one operand assignable to the other's type
     * (spec "Comparison operators"): an interface with a concrete value, a
     * <-chan T with a chan T. */
    if (is_comparison(n->op) &&
        (type_assignable(c->u, x->type, NULL, y->type) ||
         type_assignable(c->u, y->type, NULL, x->type)))
      return true;
    mismatch(c, n, x, y);
    return false;
  }
  return true;
}

static const char *cmp_kind(Type *t) {
  switch (type_under(t)->kind) {
  case TY_SLICE: return "slice";
  case TY_MAP: return "map";
  case TY_FUNC: return "func";
  default: return NULL;
  }
}

static void comparison(Checker *c, Node *n, Node *x, Node *y, bool xnil,
                       bool ynil) {
  Node *o = xnil ? y : x;
  if ((n->op == T_EQL || n->op == T_NEQ) && !type_comparable(o->type) &&
      !(xnil || ynil)) {
    const char *k = cmp_kind(o->type);
    if (k)
      CHK_ERR(c, chk_pos(n), "invalid operation: %s (%s can only be "
                             "compared to nil)", chk_exprstr(c, n), k);
    else
      CHK_ERR(c, chk_pos(n), "invalid operation: %s (%s cannot be compared)",
              chk_exprstr(c, n), chk_typestr(c, o->type));
    { set_invalid(c, n); return; }
  }
  if (n->op != T_EQL && n->op != T_NEQ && !type_ordered(x->type)) {
    CHK_ERR(c, chk_pos(n), "invalid operation: %s (operator %s not defined "
                           "on %s)", chk_exprstr(c, n), tok_spelling(n->op),
            chk_typestr(c, x->type));
    { set_invalid(c, n); return; }
  }
  n->type = types_basic(c->u, TY_UNTYPED_BOOL);
  n->mode = EM_VALUE;
  if (x->mode == EM_CONST && y->mode == EM_CONST) {
    n->mode = EM_CONST;
    memset(&n->cv, 0, sizeof n->cv);
    n->cv.kind = CV_BOOL;
    n->cv.b = cst_compare(n->op, &x->cv, &y->cv);
  }
}

static bool shift_count(Checker *c, Node *n, Node *y) {
  if (y->mode == EM_CONST) {
    ConstVal v;
    if (!type_representable(&y->cv, types_basic(c->u, TY_UINT), &v)) {
      if (y->cv.kind == CV_FLOAT)
        CHK_ERR(c, chk_pos(y), "%s truncated to uint", chk_operand(c, y));
      else if (!y->cv.is_big_u && y->cv.i < 0)
        CHK_ERR(c, chk_pos(y), "invalid operation: negative shift count %s",
                chk_operand(c, y));
      else
        CHK_ERR(c, chk_pos(y), "invalid shift count %s", chk_operand(c, y));
      set_invalid(c, n);
      return false;
    }
    if (type_is_untyped(y->type))
      set_untyped_tree(c, y, types_basic(c->u, TY_UINT));
    return true;
  }
  if (!type_is_integer(y->type)) {
    CHK_ERR(c, chk_pos(y), "invalid operation: shift count %s must be "
                           "integer", chk_operand(c, y));
    set_invalid(c, n);
    return false;
  }
  return true;
}

static void shift(Checker *c, Node *n, Node *x, Node *y) {
  if (!shift_count(c, n, y)) return;
  if (x->mode == EM_CONST && type_is_untyped(x->type)) {
    ConstVal v;
    if (!type_representable(&x->cv, types_basic(c->u, TY_UNTYPED_INT), &v)) {
      CHK_ERR(c, chk_pos(x), "invalid operation: shifted operand %s must be "
                             "integer", chk_operand(c, x));
      { set_invalid(c, n); return; }
    }
    x->cv = v;
    if (x->type->kind == TY_UNTYPED_FLOAT)
      x->type = types_basic(c->u, TY_UNTYPED_INT);
  } else if (!type_is_integer(x->type)) {
    CHK_ERR(c, chk_pos(x), "invalid operation: shifted operand %s must be "
                           "integer", chk_operand(c, x));
    { set_invalid(c, n); return; }
  }
  n->type = x->type;
  n->mode = EM_VALUE;
  if (x->mode != EM_CONST || y->mode != EM_CONST) return;
  n->mode = EM_CONST;
  if (cst_shift(n->op, &x->cv, (uint64_t)cst_int(&y->cv), &n->cv) != CST_OK) {
    CHK_ERR(c, chk_pos(n), "constant shift overflow");
    { set_invalid(c, n); return; }
  }
  check_overflow(c, n);
}

static void arith_const(Checker *c, Node *n, Node *x, Node *y) {
  bool fl = type_is_float(n->type);
  TokKind op = n->op;
  if (op == T_QUO && type_is_integer(n->type)) fl = false;
  CstStatus st = cst_binary(c->a, op, &x->cv, &y->cv, fl, &n->cv);
  if (st == CST_DIVZERO) {
    CHK_ERR(c, chk_pos(y), "invalid operation: division by zero");
    { set_invalid(c, n); return; }
  }
  if (st != CST_OK) {
    CHK_ERR(c, chk_pos(n), "constant overflow");
    { set_invalid(c, n); return; }
  }
  check_overflow(c, n);
}

static void binary(Checker *c, Node *n) {
  Node *x = n->a, *y = n->b;
  chk_expr(c, x);
  chk_expr(c, y);
  bool okx = chk_value(c, x), oky = chk_value(c, y);
  if (!okx || !oky) { set_invalid(c, n); return; }
  if (is_shift(n->op)) { shift(c, n, x, y); return; }
  bool xnil = x->type->kind == TY_UNTYPED_NIL;
  bool ynil = y->type->kind == TY_UNTYPED_NIL;
  if (!match_types(c, n, x, y)) return;
  if (is_comparison(n->op)) { comparison(c, n, x, y, xnil, ynil); return; }
  if (!op_ok(n->op, x->type)) {
    CHK_ERR(c, chk_pos(n), "invalid operation: operator %s not defined on %s",
            tok_spelling(n->op), chk_operand(c, x));
    { set_invalid(c, n); return; }
  }
  n->type = x->type;
  n->mode = EM_VALUE;
  if ((n->op == T_QUO || n->op == T_REM) && y->mode == EM_CONST &&
      type_is_integer(y->type) && cst_int(&y->cv) == 0 &&
      x->mode != EM_CONST) {
    CHK_ERR(c, chk_pos(y), "invalid operation: division by zero");
    { set_invalid(c, n); return; }
  }
  if (x->mode == EM_CONST && y->mode == EM_CONST) {
    n->mode = EM_CONST;
    arith_const(c, n, x, y);
  }
}

/* ---- selectors ---------------------------------------------------------- */

static void pkg_selector(Checker *c, Node *n, Sym *ps) {
  Node *x = ast_unparen(n->a);
  ps->used = true;
  x->sym = ps;
  x->mode = EM_PKG;
  Sym *s = scope_lookup_local(ps->imported->scope, n->name);
  if (!s || !(n->name[0] >= 'A' && n->name[0] <= 'Z') ||
      (s->kind == SYM_FUNC && s->is_method)) {
    CHK_ERR(c, n->pos, "undefined: %s.%s", x->name, n->name);
    { set_invalid(c, n); return; }
  }
  n->sym = s;
  n->sel = arena_alloc(c->a, sizeof *n->sel);
  n->sel->kind = SEL_PKG;
  n->type = s->type;
  n->cv = s->cv;
  switch (s->kind) {
  case SYM_VAR: n->mode = EM_VAR; break;
  case SYM_CONST: n->mode = EM_CONST; break;
  case SYM_TYPE: n->mode = EM_TYPE; break;
  default: n->mode = EM_VALUE; break;
  }
  if (!n->type) set_invalid(c, n);
}

static bool path_derefs(const Selection *s) {
  for (int i = 0; i < s->npath; i++)
    if (s->deref[i]) return true;
  return false;
}

static const char *hint_other_case(Checker *c, Type *t, const char *name) {
  char alt[128];
  snprintf(alt, sizeof alt, "%s", name);
  alt[0] = (char)(alt[0] >= 'a' && alt[0] <= 'z' ? alt[0] - 32
                  : alt[0] >= 'A' && alt[0] <= 'Z' ? alt[0] + 32
                                                   : alt[0]);
  Selection s;
  bool amb;
  if (!type_lookup(c->u, t, alt, &s, c->a, &amb)) return NULL;
  return arena_strndup(c->a, alt, strlen(alt));
}

static void not_found(Checker *c, Node *n, Node *x, bool amb) {
  if (amb) {
    CHK_ERR(c, n->pos, "ambiguous selector %s", chk_exprstr(c, n));
    { set_invalid(c, n); return; }
  }
  Type *t = x->type;
  if (t->kind == TY_POINTER && type_is_interface(t->elem)) {
    CHK_ERR(c, n->pos, "%s undefined (type %s is pointer to interface, not "
                       "interface)", chk_exprstr(c, n), chk_typestr(c, t));
    { set_invalid(c, n); return; }
  }
  const char *alt = hint_other_case(c, t, n->name);
  CHK_ERR(c, n->pos, "%s undefined (type %s has no field or method %s%s%s)",
          chk_exprstr(c, n), chk_typestr(c, t), n->name,
          alt ? ", but does have " : "", alt ? alt : "");
  set_invalid(c, n);
}

static void method_sel(Checker *c, Node *n, Node *x, Selection *s) {
  Type *rt = type_sel_type(x->type, s, false);
  bool rptr = type_under(rt)->kind == TY_POINTER;
  if (s->ptr_recv && !rptr) {
    if (!path_derefs(s) && x->mode != EM_VAR) {
      CHK_ERR(c, n->pos, "cannot call pointer method %s on %s", n->name,
              chk_typestr(c, rt));
      { set_invalid(c, n); return; }
    }
    s->addr = true;
    if (!path_derefs(s)) chk_mark_addr(c, x);
  } else if (!s->ptr_recv && rptr) {
    s->indirect = true;
  }
  n->sym = s->method;
  chk_dep(c, s->method);
  n->type = s->method->type;
  n->mode = EM_VALUE;
  if (!n->type) set_invalid(c, n);
}

static void value_selector(Checker *c, Node *n, Node *x) {
  Selection *s = arena_alloc(c->a, sizeof *s);
  bool amb = false;
  if (!type_lookup(c->u, x->type, n->name, s, c->a, &amb))
    { not_found(c, n, x, amb); return; }
  n->sel = s;
  if (s->kind == SEL_FIELD) {
    n->type = type_sel_type(x->type, s, false);
    n->mode = (x->mode == EM_VAR || path_derefs(s)) ? EM_VAR : EM_VALUE;
    return;
  }
  if (s->kind == SEL_IFACEMETHOD) {
    Type *it = type_under(type_sel_type(x->type, s, false));
    n->type = it->imethods[s->imethod].sig;
    n->mode = EM_VALUE;
    return;
  }
  method_sel(c, n, x, s);
}

/* T.M or (*T).M: a function taking the receiver first. */
static void method_expr(Checker *c, Node *n, Node *x) {
  Selection *s = arena_alloc(c->a, sizeof *s);
  bool amb = false;
  if (!type_lookup(c->u, x->type, n->name, s, c->a, &amb) ||
      s->kind == SEL_FIELD) {
    CHK_ERR(c, n->pos, "%s undefined (type %s has no method %s)",
            chk_exprstr(c, n), chk_typestr(c, x->type), n->name);
    { set_invalid(c, n); return; }
  }
  Type *sig = s->kind == SEL_METHOD
                  ? s->method->type
                  : type_under(type_sel_type(x->type, s, false))
                        ->imethods[s->imethod].sig;
  if (s->kind == SEL_METHOD && s->ptr_recv &&
      type_under(x->type)->kind != TY_POINTER) {
    CHK_ERR(c, n->pos, "invalid method expression %s (needs pointer "
                       "receiver (*%s).%s)", chk_exprstr(c, n),
            chk_typestr(c, x->type), n->name);
    { set_invalid(c, n); return; }
  }
  int np = sig->nparams + 1;
  Type **ps = arena_alloc(c->a, sizeof *ps * (size_t)np);
  ps[0] = x->type;
  for (int i = 1; i < np; i++) ps[i] = sig->params[i - 1];
  if (s->kind == SEL_IFACEMETHOD) s->kind = SEL_IFACEMETHOD;
  else s->kind = SEL_METHODEXPR;
  n->sel = s;
  n->sym = s->method;
  n->type = types_func(c->u, ps, np, sig->results, sig->nresults,
                       sig->variadic);
  n->mode = EM_VALUE;
}

static void selector(Checker *c, Node *n) {
  Node *x = ast_unparen(n->a);
  if (x->kind == N_IDENT) {
    Sym *ps = chk_lookup(c, x->name);
    if (ps && ps->kind == SYM_PKG) { pkg_selector(c, n, ps); return; }
  }
  chk_expr(c, n->a);
  x = n->a;
  if (bad(x)) { set_invalid(c, n); return; }
  if (x->mode == EM_TYPE) { method_expr(c, n, x); return; }
  if (!chk_value(c, x)) { set_invalid(c, n); return; }
  if (type_is_untyped(x->type)) chk_default(c, x);
  value_selector(c, n, x);
}

void chk_mark_addr(Checker *c, Node *n) {
  n = ast_unparen(n);
  if (n->kind == N_IDENT && n->sym && n->sym->kind == SYM_VAR) {
    n->sym->addrtaken = true;
  } else if (n->kind == N_SELECTOR && n->sel && n->sel->kind == SEL_FIELD &&
             !path_derefs(n->sel)) {
    chk_mark_addr(c, n->a);
  } else if (n->kind == N_INDEX && n->a->type &&
             type_under(n->a->type)->kind == TY_ARRAY) {
    chk_mark_addr(c, n->a);
  }
}

/* ---- index, slice, type assertion -------------------------------------- */

/* Checks an index; length < 0 when unknown.  Returns false after an
 * error. */
static bool index_value(Checker *c, Node *i, int64_t length) {
  chk_expr(c, i);
  if (!chk_value(c, i)) return false;
  if (i->mode == EM_CONST && type_is_untyped(i->type)) {
    if (!try_convert(c, i, types_basic(c->u, TY_INT))) {
      if (i->cv.kind == CV_FLOAT)
        CHK_ERR(c, chk_pos(i), "%s truncated to int", chk_operand(c, i));
      else
        CHK_ERR(c, chk_pos(i), "cannot convert %s to int", chk_operand(c, i));
      return false;
    }
  }
  if (!type_is_integer(i->type)) {
    CHK_ERR(c, chk_pos(i), "invalid argument: index %s must be integer",
            chk_operand(c, i));
    return false;
  }
  if (i->mode != EM_CONST) return true;
  if (i->cv.i < 0 && !i->cv.is_big_u) {
    CHK_ERR(c, chk_pos(i), "invalid argument: index %s must not be negative",
            chk_operand(c, i));
    return false;
  }
  if (length >= 0 && (i->cv.is_big_u || i->cv.i >= length)) {
    CHK_ERR(c, chk_pos(i), "invalid argument: index %s out of bounds [0:%lld]",
            chk_exprstr(c, i), (long long)length);
    return false;
  }
  return true;
}

static void map_index(Checker *c, Node *n, Type *m) {
  chk_expr(c, n->b);
  if (chk_value(c, n->b) && !chk_assign(c, n->b, m->key, "map index"))
    { set_invalid(c, n); return; }
  n->mode = EM_MAPINDEX;
  n->type = m->elem;
}

static void index_expr(Checker *c, Node *n) {
  chk_expr(c, n->a);
  Node *x = n->a;
  if (bad(x)) { set_invalid(c, n); return; }
  if (x->mode == EM_TYPE || (x->type && x->type->kind == TY_FUNC)) {
    CHK_ERR(c, chk_pos(n), "panicroom: generics are not supported");
    { set_invalid(c, n); return; }
  }
  if (!chk_value(c, x)) { set_invalid(c, n); return; }
  Type *u = type_under(x->type);
  if (u->kind == TY_MAP) { map_index(c, n, u); return; }
  int64_t len = -1;
  if (u->kind == TY_POINTER && type_under(u->elem)->kind == TY_ARRAY) {
    u = type_under(u->elem);
    n->mode = EM_VAR;
    len = u->len;
  } else if (u->kind == TY_ARRAY) {
    n->mode = x->mode == EM_VAR ? EM_VAR : EM_VALUE;
    len = u->len;
  } else if (u->kind == TY_SLICE) {
    n->mode = EM_VAR;
  } else if (type_is_string(u)) {
    n->mode = EM_VALUE;
    if (x->mode == EM_CONST) len = (int64_t)x->cv.slen;
    if (type_is_untyped(x->type)) chk_default(c, x);
  } else {
    CHK_ERR(c, chk_pos(n), "invalid operation: cannot index %s",
            chk_operand(c, x));
    { set_invalid(c, n); return; }
  }
  n->type = type_is_string(u) ? types_basic(c->u, TY_UINT8) : u->elem;
  if (!index_value(c, n->b, len)) set_invalid(c, n);
}

static void slice_expr(Checker *c, Node *n) {
  chk_expr(c, n->a);
  Node *x = n->a;
  if (!chk_value(c, x)) { set_invalid(c, n); return; }
  Type *u = type_under(x->type);
  int64_t len = -1;
  if (type_is_string(u)) {
    if (n->flags & NF_SLICE3) {
      CHK_ERR(c, chk_pos(n), "invalid operation: 3-index slice of string");
      { set_invalid(c, n); return; }
    }
    if (type_is_untyped(x->type)) chk_default(c, x);
    n->type = x->type;
  } else if (u->kind == TY_ARRAY) {
    if (x->mode != EM_VAR) {
      CHK_ERR(c, chk_pos(n), "invalid operation: %s (slice of unaddressable "
                             "value)", chk_exprstr(c, n));
      { set_invalid(c, n); return; }
    }
    chk_mark_addr(c, x);
    len = u->len;
    n->type = types_slice(c->u, u->elem);
  } else if (u->kind == TY_POINTER && type_under(u->elem)->kind == TY_ARRAY) {
    len = type_under(u->elem)->len;
    n->type = types_slice(c->u, type_under(u->elem)->elem);
  } else if (u->kind == TY_SLICE) {
    n->type = x->type;
  } else {
    CHK_ERR(c, chk_pos(n), "cannot slice %s", chk_operand(c, x));
    { set_invalid(c, n); return; }
  }
  n->mode = EM_VALUE;
  Node *ix[3] = {n->b, n->c, n->d};
  for (int i = 0; i < 3; i++)
    if (ix[i] && !index_value(c, ix[i], len >= 0 ? len + 1 : -1))
      { set_invalid(c, n); return; }
}

static void type_assert(Checker *c, Node *n) {
  chk_expr(c, n->a);
  Node *x = n->a;
  if (!chk_value(c, x)) { set_invalid(c, n); return; }
  if (!n->b) {
    CHK_ERR(c, chk_pos(n), "invalid syntax tree: use of .(type) outside "
                           "type switch");
    { set_invalid(c, n); return; }
  }
  if (!type_is_interface(x->type)) {
    CHK_ERR(c, chk_pos(x), "invalid operation: %s is not an interface",
            chk_operand(c, x));
    { set_invalid(c, n); return; }
  }
  Type *t = chk_type(c, n->b);
  if (t->kind == TY_INVALID) { set_invalid(c, n); return; }
  const char *miss;
  bool ptr;
  if (!type_is_interface(t) && !type_implements(t, x->type, &miss, &ptr)) {
    CHK_ERR(c, chk_pos(n), "impossible type assertion: %s\n\t%s does not "
                           "implement %s (%s%s%s)",
            chk_exprstr(c, n), chk_typestr(c, t), chk_typestr(c, x->type),
            ptr ? "" : "missing ", miss,
            ptr ? " method has pointer receiver" : " method");
    { set_invalid(c, n); return; }
  }
  n->mode = EM_COMMAOK;
  n->type = t;
}

static void star(Checker *c, Node *n) {
  chk_expr(c, n->a);
  Node *x = n->a;
  if (bad(x)) { set_invalid(c, n); return; }
  if (x->mode == EM_TYPE) {
    n->mode = EM_TYPE;
    n->type = types_pointer(c->u, x->type);
    return;
  }
  if (!chk_value(c, x)) { set_invalid(c, n); return; }
  if (x->type->kind == TY_UNTYPED_NIL) {
    CHK_ERR(c, chk_pos(n), "invalid operation: cannot indirect nil");
    { set_invalid(c, n); return; }
  }
  if (type_under(x->type)->kind != TY_POINTER) {
    CHK_ERR(c, chk_pos(n), "invalid operation: cannot indirect %s",
            chk_operand(c, x));
    { set_invalid(c, n); return; }
  }
  n->mode = EM_VAR;
  n->type = type_under(x->type)->elem;
}

/* ---- dispatch ---------------------------------------------------------- */

void chk_composite(Checker *c, Node *n, Type *hint);

void chk_expr_hint(Checker *c, Node *n, Type *hint) {
  if (n->kind == N_COMPOSITE) chk_composite(c, n, hint);
  else chk_expr(c, n);
}

void chk_expr(Checker *c, Node *n) {
  switch (n->kind) {
  case N_IDENT: ident(c, n); return;
  case N_BASICLIT: basiclit(c, n); return;
  case N_FUNCLIT: funclit(c, n); return;
  case N_COMPOSITE: chk_composite(c, n, NULL); return;
  case N_PAREN:
    chk_expr(c, n->a);
    n->mode = n->a->mode;
    n->type = n->a->type;
    n->cv = n->a->cv;
    n->call = n->a->call;
    return;
  case N_SELECTOR: selector(c, n); return;
  case N_INDEX: index_expr(c, n); return;
  case N_SLICE: slice_expr(c, n); return;
  case N_TYPEASSERT: type_assert(c, n); return;
  case N_CALL: chk_call(c, n, false); return;
  case N_STAR: star(c, n); return;
  case N_UNARY: unary(c, n); return;
  case N_BINARY: binary(c, n); return;
  case N_ARRAYTYPE:
  case N_STRUCTTYPE:
  case N_FUNCTYPE:
  case N_INTERFACETYPE:
  case N_MAPTYPE:
  case N_CHANTYPE:
    chk_type(c, n);
    return;
  case N_KEYVALUE:
    CHK_ERR(c, chk_pos(n), "unexpected key:value expression");
    set_invalid(c, n);
    return;
  default:
    set_invalid(c, n);
    return;
  }
}
