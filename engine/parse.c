/* parse.c - recursive-descent parser for one Go file (see parse.h).
 *
 * Design: a close port of Go 1.19's cmd/compile/internal/syntax parser,
 * function by function (fileOrNil, stmtOrNil, header, pexpr, list, ...),
 * because matching `go build`'s syntax errors word for word and position
 * for position is only practical by making the same decisions in the same
 * order: the same follow sets in advance(), the same "expecting X" at the
 * same token, the same xnest rule for composite literals in if/for/switch
 * headers.  Where Go builds a ListExpr we use a NodeList.
 *
 * The package clause and imports are checked the way the go command's
 * go/parser pre-pass does (`expected 'package', found X`), because that is
 * what `go build` prints for them; an error there stops the parse, as it
 * stops `go build`.
 *
 * Robustness: every loop consumes a token or exits; nesting deeper than
 * PARSE_MAX_DEPTH is reported once and the parser then skips to EOF, so
 * no input can overflow the C stack. */
#include "engine/parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/lex.h"

/* Deep enough for any real program; shallow enough for a 1 MB stack with
 * sanitizers (each level costs a few frames). */
#define PARSE_MAX_DEPTH 400

typedef struct Parser {
  Arena *arena;
  Diags *diags;
  Lexer lx;
  Token tok;
  TokKind k;   /* tok.kind */
  int xnest;   /* expression nesting; < 0 in if/for/switch headers */
  int fnest;   /* function nesting, for advance()'s stop set */
  int depth;   /* recursion depth, capped */
  int errs0;   /* diags->len when we started */
  bool bailed; /* too deep: skipping to EOF */
} Parser;

/* ---- tokens ---- */

static void next(Parser *p)
{
  if (p->bailed) {
    p->tok.kind = p->k = T_EOF;
    return;
  }
  p->tok = lex_next(&p->lx);
  p->k = p->tok.kind;
}

static bool got(Parser *p, TokKind k)
{
  if (p->k != k)
    return false;
  next(p);
  return true;
}

static char *tok_text(Parser *p)
{
  return arena_strndup(p->arena, p->tok.text, p->tok.len);
}

static bool any_error(Parser *p) { return p->diags->len > p->errs0; }

static void error_at(Parser *p, Pos pos, const char *fmt, ...)
    PANICROOM_PRINTF(3, 4);

static void error_at(Parser *p, Pos pos, const char *fmt, ...)
{
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  diag_error(p->diags, pos, "%s", msg);
}

static bool is_literal(TokKind k)
{
  return k == T_INT || k == T_FLOAT || k == T_IMAG || k == T_CHAR ||
         k == T_STRING;
}

/* How Go 1.19's parser names the current token in "unexpected X". */
static void tok_desc(Parser *p, char *out, size_t n)
{
  const Token *t = &p->tok;
  int len = t->len > 200 ? 200 : (int)t->len;
  if (p->k == T_IDENT)
    snprintf(out, n, "%.*s", len, t->text);
  else if (p->k == T_SEMICOLON)
    snprintf(out, n, "%s",
             t->text[0] == ';'    ? "semicolon"
             : lex_semi_at_eof(t) ? "EOF"
                                  : "newline");
  else if (is_literal(p->k))
    snprintf(out, n, "literal %.*s", len, t->text);
  else
    snprintf(out, n, "%s", tok_spelling(p->k));
}

static bool has_prefix(const char *s, const char *pre)
{
  return strncmp(s, pre, strlen(pre)) == 0;
}

/* Go's syntaxErrorAt: "in/at/after ..." and "expecting ..." messages get
 * the current token; others are printed as they are. */
static void syntax_error_at(Parser *p, Pos pos, const char *msg)
{
  if (p->k == T_EOF && any_error(p))
    return; /* no follow-up errors */
  const char *sep;
  if (msg[0] == 0)
    sep = "";
  else if (has_prefix(msg, "in ") || has_prefix(msg, "at ") ||
           has_prefix(msg, "after "))
    sep = " ";
  else if (has_prefix(msg, "expecting "))
    sep = ", ";
  else {
    error_at(p, pos, "syntax error: %s", msg);
    return;
  }
  char tok[256];
  tok_desc(p, tok, sizeof tok);
  error_at(p, pos, "syntax error: unexpected %s%s%s", tok, sep, msg);
}

static void syntax_error(Parser *p, const char *msg)
{
  syntax_error_at(p, p->tok.pos, msg);
}

static bool in_set(TokKind k, const TokKind *set, int n)
{
  for (int i = 0; i < n; i++)
    if (set[i] == k)
      return true;
  return false;
}

static const TokKind stopset[] = {
    T_BREAK, T_CONST, T_CONTINUE, T_DEFER,  T_FALLTHROUGH, T_FOR,  T_GO,
    T_GOTO,  T_IF,    T_RETURN,   T_SELECT, T_SWITCH,      T_TYPE, T_VAR};

/* Go's advance: skips to a token of the follow list (or, inside a
 * function, one that starts a statement); with an empty list it skips
 * exactly one token. */
static void advance(Parser *p, const TokKind *follow, int n)
{
  if (n == 0) {
    if (p->k != T_EOF)
      next(p);
    return;
  }
  while (p->k != T_EOF && !in_set(p->k, follow, n) &&
         !(p->fnest > 0 &&
           in_set(p->k, stopset, (int)(sizeof stopset / sizeof *stopset))))
    next(p);
}

#define ADVANCE(p, ...)                                                        \
  advance(p, (const TokKind[]){__VA_ARGS__},                                   \
          (int)(sizeof((const TokKind[]){__VA_ARGS__}) / sizeof(TokKind)))

static void want(Parser *p, TokKind k)
{
  if (got(p, k))
    return;
  char msg[64];
  snprintf(msg, sizeof msg, "expecting %s", tok_spelling(k));
  syntax_error(p, msg);
  advance(p, NULL, 0);
}

/* Depth guard: true if we may recurse; after the cap, reports once and
 * makes every later token EOF so all loops end. */
static bool enter(Parser *p)
{
  if (p->bailed)
    return false;
  if (++p->depth <= PARSE_MAX_DEPTH)
    return true;
  error_at(p, p->tok.pos, "panicroom: program too deeply nested");
  p->bailed = true;
  p->tok.kind = p->k = T_EOF;
  return false;
}

static void leave(Parser *p) { p->depth--; }

static Node *new_node(Parser *p, NodeKind k, Pos pos)
{
  return ast_new(p->arena, k, pos);
}

static void push(Parser *p, NodeList *l, Node *n)
{
  ast_list_push(p->arena, l, n);
}

/* Where an expression starts: a SELECTOR's pos is its name (ast.h), so
 * its start is its operand's. */
static Pos start_of(const Node *n)
{
  while (n->kind == N_SELECTOR && n->a)
    n = n->a;
  return n->pos;
}

static Node *bad_expr(Parser *p) { return new_node(p, N_BAD, p->tok.pos); }

/* ---- forward declarations (the grammar is mutually recursive) ---- */

static Node *expr(Parser *p);
static Node *type_or_nil(Parser *p);
static Node *type_(Parser *p);
static Node *func_type(Parser *p, NodeList *tparams);
static Node *block_stmt(Parser *p, const char *context);
static Node *stmt_or_nil(Parser *p);
static NodeList stmt_list(Parser *p);
static Node *pexpr(Parser *p, bool keep_parens);
static Node *unary_expr(Parser *p);
static Node *func_body(Parser *p);

/* ---- names and literals ---- */

/* name -> identifier (on error: "_", after "expecting name") */
static Node *name(Parser *p)
{
  Node *n = new_node(p, N_IDENT, p->tok.pos);
  if (p->k == T_IDENT) {
    n->name = tok_text(p);
    next(p);
    return n;
  }
  n->name = "_";
  syntax_error(p, "expecting name");
  advance(p, NULL, 0);
  return n;
}

/* nameList -> name { "," name } */
static NodeList name_list(Parser *p, Node *first)
{
  NodeList l = {NULL, 0};
  push(p, &l, first);
  while (got(p, T_COMMA))
    push(p, &l, name(p));
  return l;
}

static Node *basic_lit(Parser *p)
{
  Node *n = new_node(p, N_BASICLIT, p->tok.pos);
  n->op = p->k;
  /* memcpy, not strndup: the raw text may hold a (reported) NUL byte */
  char *lit = arena_alloc(p->arena, p->tok.len + 1);
  memcpy(lit, p->tok.text, p->tok.len);
  n->lit = lit;
  n->litlen = p->tok.len;
  next(p);
  return n;
}

/* oliteral -> [ literal ] */
static Node *oliteral(Parser *p)
{
  return is_literal(p->k) ? basic_lit(p) : NULL;
}

/* ---- lists ---- */

typedef bool (*ListFn)(Parser *p, void *ctx);

/* Go's list(): [ f { sep f } [sep] ] close.  Returns the close position. */
static Pos list(Parser *p, const char *context, TokKind sep, TokKind close,
                ListFn f, void *ctx)
{
  bool done = false;
  while (p->k != T_EOF && p->k != close && !done) {
    done = f(p, ctx);
    if (!got(p, sep) && p->k != close) {
      char msg[128];
      snprintf(msg, sizeof msg, "in %s; possibly missing %s or %s", context,
               tok_spelling(sep), tok_spelling(close));
      syntax_error(p, msg);
      ADVANCE(p, T_RPAREN, T_RBRACK, T_RBRACE);
      if (p->k != close)
        return p->tok.pos;
    }
  }
  Pos pos = p->tok.pos;
  want(p, close);
  return pos;
}

/* exprList -> expr { "," expr } */
static NodeList expr_list(Parser *p)
{
  NodeList l = {NULL, 0};
  push(p, &l, expr(p));
  while (got(p, T_COMMA))
    push(p, &l, expr(p));
  return l;
}

/* ---- expressions ---- */

static int binary_prec(TokKind k)
{
  switch (k) {
  case T_LOR:
    return 1;
  case T_LAND:
    return 2;
  case T_EQL:
  case T_NEQ:
  case T_LSS:
  case T_LEQ:
  case T_GTR:
  case T_GEQ:
    return 3;
  case T_ADD:
  case T_SUB:
  case T_OR:
  case T_XOR:
    return 4;
  case T_MUL:
  case T_QUO:
  case T_REM:
  case T_SHL:
  case T_SHR:
  case T_AND:
  case T_AND_NOT:
    return 5;
  default:
    return 0;
  }
}

/* binaryExpr -> unaryExpr { binary_op unaryExpr }, by precedence climbing */
static Node *binary_expr(Parser *p, int prec)
{
  if (!enter(p))
    return bad_expr(p);
  Node *x = unary_expr(p);
  while (binary_prec(p->k) > prec) {
    int tprec = binary_prec(p->k);
    Node *t = new_node(p, N_BINARY, start_of(x));
    t->end = p->tok.pos;
    t->op = p->k;
    next(p);
    t->a = x;
    t->b = binary_expr(p, tprec);
    x = t;
  }
  leave(p);
  return x;
}

static Node *expr(Parser *p) { return binary_expr(p, 0); }

/* Turns the operand of "<-" that parsed as a channel type into the
 * receive-only channel type <-chan T (Go's unaryExpr dance). */
static Node *recv_chan_type(Parser *p, Node *arrow, Node *t)
{
  bool send_only = true;
  Node *c = t;
  while (send_only && c && c->kind == N_CHANTYPE) {
    send_only = (c->flags & NF_SEND_ONLY) != 0;
    if (c->flags & NF_RECV_ONLY)
      syntax_error(p, "unexpected <-, expecting chan");
    c->flags = (c->flags & ~NF_SEND_ONLY) | NF_RECV_ONLY;
    c = c->a;
  }
  if (send_only)
    syntax_error(p, "unexpected type, expecting chan");
  t->pos = arrow->pos;
  return t;
}

/* unaryExpr -> unary_op unaryExpr | pexpr */
static Node *unary_expr(Parser *p)
{
  if (!enter(p))
    return bad_expr(p);
  Node *x = NULL;
  Pos pos = p->tok.pos;
  switch (p->k) {
  case T_MUL:
    next(p);
    x = new_node(p, N_STAR, pos);
    x->a = unary_expr(p);
    break;
  case T_ADD:
  case T_SUB:
  case T_NOT:
  case T_XOR:
  case T_AND:
  case T_ARROW:
    x = new_node(p, N_UNARY, pos);
    x->op = p->k;
    next(p);
    x->a = unary_expr(p);
    if (x->op == T_AND)
      x->a = ast_unparen(x->a);
    if (x->op == T_ARROW && x->a->kind == N_CHANTYPE)
      x = recv_chan_type(p, x, x->a);
    break;
  default:
    x = pexpr(p, true);
  }
  leave(p);
  return x;
}

/* operand -> name | literal | "(" expr ")" | funcLit | type */
static Node *operand(Parser *p)
{
  Pos pos = p->tok.pos;
  switch (p->k) {
  case T_IDENT:
    return name(p);
  case T_INT:
  case T_FLOAT:
  case T_IMAG:
  case T_CHAR:
  case T_STRING:
    return basic_lit(p);
  case T_LPAREN: {
    next(p);
    p->xnest++;
    Node *x = new_node(p, N_PAREN, pos);
    x->a = expr(p);
    x->a->flags |= NF_PARENS;
    p->xnest--;
    want(p, T_RPAREN);
    return x;
  }
  case T_FUNC: {
    next(p);
    NodeList tparams = {NULL, 0};
    Node *ft = func_type(p, &tparams);
    if (tparams.len)
      syntax_error_at(p, pos, "function type must have no type parameters");
    ft->pos = pos;
    if (p->k != T_LBRACE)
      return ft;
    p->xnest++;
    Node *f = new_node(p, N_FUNCLIT, pos);
    f->a = ft;
    f->b = func_body(p);
    p->xnest--;
    return f;
  }
  case T_LBRACK:
  case T_CHAN:
  case T_MAP:
  case T_STRUCT:
  case T_INTERFACE:
    return type_(p);
  default: {
    Node *x = bad_expr(p);
    syntax_error(p, "expecting expression");
    ADVANCE(p, T_RPAREN, T_RBRACK, T_RBRACE);
    return x;
  }
  }
}

/* Go's isValue: x must be a value, not a type (for T[i]{...}). */
static bool is_value(const Node *x)
{
  switch (x->kind) {
  case N_BASICLIT:
  case N_COMPOSITE:
  case N_FUNCLIT:
  case N_SLICE:
  case N_TYPEASSERT:
  case N_CALL:
  case N_UNARY:
  case N_BINARY:
    return true;
  case N_STAR:
  case N_PAREN:
    return is_value(x->a);
  case N_INDEX:
    return is_value(x->a) || is_value(x->b);
  default:
    return false;
  }
}

/* Element = Expression | LiteralValue */
static Node *complit_expr(Parser *p);

static Node *bare_complit_expr(Parser *p)
{
  return p->k == T_LBRACE ? complit_expr(p) : expr(p);
}

static bool complit_elem(Parser *p, void *ctx)
{
  Node *lit = ctx;
  Node *e = bare_complit_expr(p);
  if (p->k == T_COLON) {
    Node *kv = new_node(p, N_KEYVALUE, start_of(e));
    kv->end = p->tok.pos;
    next(p);
    kv->a = e;
    kv->b = bare_complit_expr(p);
    e = kv;
  }
  push(p, &lit->list, e);
  return false;
}

/* LiteralValue = "{" [ ElementList [ "," ] ] "}" */
static Node *complit_expr(Parser *p)
{
  if (!enter(p))
    return bad_expr(p);
  Node *x = new_node(p, N_COMPOSITE, p->tok.pos);
  p->xnest++;
  want(p, T_LBRACE);
  x->end = list(p, "composite literal", T_COMMA, T_RBRACE, complit_elem, x);
  p->xnest--;
  leave(p);
  return x;
}

typedef struct ArgCtx {
  Node *call;
} ArgCtx;

static bool arg_elem(Parser *p, void *ctx)
{
  Node *call = ((ArgCtx *)ctx)->call;
  push(p, &call->list, expr(p));
  if (got(p, T_ELLIPSIS)) {
    call->flags |= NF_ELLIPSIS;
    return true;
  }
  return false;
}

/* argList -> "(" [ expr { "," expr } [ "..." ] [ "," ] ] ")" */
static void arg_list(Parser *p, Node *call)
{
  ArgCtx ctx = {call};
  p->xnest++;
  list(p, "argument list", T_COMMA, T_RPAREN, arg_elem, &ctx);
  p->xnest--;
}

/* pexpr "." ( name | "(" type ")" | "(" "type" ")" ) */
static Node *selector_or_assert(Parser *p, Node *x, Pos dot)
{
  next(p);
  if (p->k == T_IDENT) {
    Node *t = new_node(p, N_SELECTOR, p->tok.pos);
    t->end = dot;
    t->a = x;
    t->name = tok_text(p);
    next(p);
    return t;
  }
  if (p->k == T_LPAREN) {
    next(p);
    Node *t = new_node(p, N_TYPEASSERT, start_of(x));
    t->end = dot;
    t->a = x;
    if (!got(p, T_TYPE))
      t->b = type_(p);
    want(p, T_RPAREN);
    return t;
  }
  syntax_error(p, "expecting name or (");
  ADVANCE(p, T_SEMICOLON, T_RPAREN);
  return x;
}

/* The rest of a slice expression after "x[i" (i may be NULL). */
static Node *slice_rest(Parser *p, Node *x, Node *i, Pos lbrack)
{
  if (!got(p, T_COLON)) {
    syntax_error(p, "expecting comma, : or ]");
    ADVANCE(p, T_COMMA, T_COLON, T_RBRACK);
  }
  p->xnest++;
  Node *t = new_node(p, N_SLICE, start_of(x));
  t->end = lbrack;
  t->a = x;
  t->b = i;
  if (p->k != T_COLON && p->k != T_RBRACK)
    t->c = expr(p);
  if (p->k == T_COLON) {
    t->flags |= NF_SLICE3;
    if (!t->c)
      error_at(p, p->tok.pos, "middle index required in 3-index slice");
    next(p);
    if (p->k != T_RBRACK)
      t->d = expr(p);
    else
      error_at(p, p->tok.pos, "final index required in 3-index slice");
  }
  p->xnest--;
  want(p, T_RBRACK);
  return t;
}

/* pexpr "[" ... "]": index, instantiation (several indices) or slice */
static Node *index_or_slice(Parser *p, Node *x)
{
  Pos lbrack = p->tok.pos;
  next(p);
  if (p->k == T_COLON)
    return slice_rest(p, x, NULL, lbrack);
  Node *t = new_node(p, N_INDEX, start_of(x));
  t->end = lbrack;
  t->a = x;
  bool comma = false;
  p->xnest++;
  if (p->k == T_RBRACK) {
    syntax_error(p, "expecting operand");
    t->b = bad_expr(p);
  } else {
    t->b = expr(p);
    if (got(p, T_COMMA)) {
      comma = true;
      Node *ty;
      while ((ty = type_or_nil(p)) != NULL) {
        push(p, &t->list, ty);
        if (!got(p, T_COMMA))
          break;
      }
    }
  }
  p->xnest--;
  if (comma || p->k == T_RBRACK) {
    want(p, T_RBRACK);
    return t;
  }
  return slice_rest(p, x, t->b, lbrack);
}

/* Whether "{" after x starts a composite literal (Go's complit_ok). */
static bool complit_ok(Parser *p, Node *x)
{
  Node *t = ast_unparen(x);
  switch (t->kind) {
  case N_IDENT:
  case N_SELECTOR:
    return p->xnest >= 0;
  case N_INDEX:
    return p->xnest >= 0 && !is_value(t);
  case N_ARRAYTYPE:
  case N_STRUCTTYPE:
  case N_MAPTYPE:
    return true;
  default:
    return false;
  }
}

/* pexpr -> operand { "." name | "." "(" type ")" | "[" ... "]" |
 *                    "(" args ")" | "{" elements "}" } */
static Node *pexpr(Parser *p, bool keep_parens)
{
  (void)keep_parens; /* we always keep PAREN nodes (ast.h) */
  if (!enter(p))
    return bad_expr(p);
  Node *x = operand(p);
  for (;;) {
    Pos pos = p->tok.pos;
    if (p->k == T_PERIOD) {
      x = selector_or_assert(p, x, pos);
    } else if (p->k == T_LBRACK) {
      x = index_or_slice(p, x);
    } else if (p->k == T_LPAREN) {
      Node *t = new_node(p, N_CALL, start_of(x));
      t->end = pos;
      next(p);
      t->a = x;
      arg_list(p, t);
      x = t;
    } else if (p->k == T_LBRACE && complit_ok(p, x)) {
      if (ast_unparen(x) != x)
        syntax_error(p, "cannot parenthesize type in composite literal");
      Node *n = complit_expr(p);
      n->a = x;
      n->pos = start_of(x);
      x = n;
    } else {
      break;
    }
    if (p->bailed)
      break;
  }
  leave(p);
  return x;
}

/* ---- types ---- */

static Node *type_(Parser *p)
{
  Node *t = type_or_nil(p);
  if (!t) {
    t = bad_expr(p);
    syntax_error(p, "expecting type");
    ADVANCE(p, T_COMMA, T_COLON, T_SEMICOLON, T_RPAREN, T_RBRACK, T_RBRACE);
  }
  return t;
}

static Node *chan_elem(Parser *p)
{
  Node *t = type_or_nil(p);
  if (!t) {
    t = bad_expr(p);
    syntax_error(p, "missing channel element type");
  }
  return t;
}

/* qualifiedName -> name [ "." name ] [ typeArgs ] */
static Node *qualified_name(Parser *p, Node *x)
{
  if (!x) {
    if (p->k == T_IDENT) {
      x = name(p);
    } else {
      x = new_node(p, N_IDENT, p->tok.pos);
      x->name = "_";
      syntax_error(p, "expecting name");
      ADVANCE(p, T_PERIOD, T_SEMICOLON, T_RBRACE);
    }
  }
  if (p->k == T_PERIOD) {
    Pos dot = p->tok.pos;
    next(p);
    Node *s = new_node(p, N_SELECTOR, p->tok.pos);
    s->end = dot;
    s->a = x;
    s->name = name(p)->name;
    x = s;
  }
  if (p->k == T_LBRACK) { /* generic instantiation T[A, B] */
    Node *t = new_node(p, N_INDEX, start_of(x));
    t->end = p->tok.pos;
    t->a = x;
    next(p);
    t->b = type_(p);
    while (got(p, T_COMMA) && p->k != T_RBRACK)
      push(p, &t->list, type_(p));
    want(p, T_RBRACK);
    x = t;
  }
  return x;
}

/* arrayType -> "[" ( expr | "..." ) "]" type   ("[" consumed) */
static Node *array_type(Parser *p, Pos pos)
{
  Node *t = new_node(p, N_ARRAYTYPE, pos);
  if (p->k == T_ELLIPSIS) {
    t->a = new_node(p, N_ELLIPSIS, p->tok.pos);
    next(p);
  } else {
    p->xnest++;
    t->a = expr(p);
    p->xnest--;
  }
  if (p->k == T_COMMA) {
    syntax_error(p, "unexpected comma; expecting ]");
    next(p);
  }
  want(p, T_RBRACK);
  t->b = type_(p);
  return t;
}

/* fieldDecl -> names type [tag] | embedded [tag] */
static void field_decl(Parser *p, Node *st)
{
  Pos pos = p->tok.pos;
  Node *f = new_node(p, N_FIELD, pos);
  if (p->k == T_IDENT) {
    Node *n = name(p);
    if (p->k == T_PERIOD || is_literal(p->k) || p->k == T_SEMICOLON ||
        p->k == T_RBRACE) {
      f->a = qualified_name(p, n);
    } else {
      f->list = name_list(p, n);
      f->a = type_(p);
    }
  } else if (p->k == T_MUL) {
    next(p);
    Node *star = new_node(p, N_STAR, pos);
    if (p->k == T_LPAREN) {
      syntax_error(p, "cannot parenthesize embedded type");
      next(p);
      star->a = qualified_name(p, NULL);
      got(p, T_RPAREN);
    } else {
      star->a = qualified_name(p, NULL);
    }
    f->a = star;
  } else {
    syntax_error(p, "expecting field name or embedded type");
    ADVANCE(p, T_SEMICOLON, T_RBRACE);
    return;
  }
  Node *tag = oliteral(p);
  if (tag) {
    f->lit = tag->lit;
    f->litlen = tag->litlen;
  }
  push(p, &st->list, f);
}

static bool field_elem(Parser *p, void *ctx)
{
  field_decl(p, ctx);
  return false;
}

/* structType -> "struct" "{" { fieldDecl ";" } "}" */
static Node *struct_type(Parser *p)
{
  Node *t = new_node(p, N_STRUCTTYPE, p->tok.pos);
  want(p, T_STRUCT);
  want(p, T_LBRACE);
  list(p, "struct type", T_SEMICOLON, T_RBRACE, field_elem, t);
  return t;
}

/* embeddedTerm -> [ "~" ] type */
static Node *embedded_term(Parser *p)
{
  if (p->k == T_TILDE) {
    Node *t = new_node(p, N_UNARY, p->tok.pos);
    t->op = T_TILDE;
    next(p);
    t->a = type_(p);
    return t;
  }
  Node *t = type_or_nil(p);
  if (!t) {
    t = bad_expr(p);
    syntax_error(p, "expecting ~ term or type");
    ADVANCE(p, T_OR, T_SEMICOLON, T_RPAREN, T_RBRACK, T_RBRACE);
  }
  return t;
}

/* embeddedElem -> embeddedTerm { "|" embeddedTerm } */
static Node *embedded_elem(Parser *p, Node *x)
{
  if (!x)
    x = embedded_term(p);
  while (p->k == T_OR) {
    Node *t = new_node(p, N_BINARY, start_of(x));
    t->op = T_OR;
    t->end = p->tok.pos;
    next(p);
    t->a = x;
    t->b = embedded_term(p);
    x = t;
  }
  return x;
}

static bool iface_elem(Parser *p, void *ctx)
{
  Node *it = ctx;
  Node *f = new_node(p, N_FIELD, p->tok.pos);
  if (p->k == T_IDENT) {
    Node *n = name(p);
    if (p->k == T_LPAREN) {
      push(p, &f->list, n);
      f->a = func_type(p, NULL);
    } else {
      f->a = embedded_elem(p, qualified_name(p, n));
    }
  } else {
    f->a = embedded_elem(p, NULL);
  }
  push(p, &it->list, f);
  return false;
}

/* interfaceType -> "interface" "{" { methodSpec | embedded ";" } "}" */
static Node *interface_type(Parser *p)
{
  Node *t = new_node(p, N_INTERFACETYPE, p->tok.pos);
  want(p, T_INTERFACE);
  want(p, T_LBRACE);
  list(p, "interface type", T_SEMICOLON, T_RBRACE, iface_elem, t);
  return t;
}

static Node *chan_type(Parser *p, Pos pos, int flags)
{
  Node *t = new_node(p, N_CHANTYPE, pos);
  t->flags = flags;
  t->a = chan_elem(p);
  return t;
}

static Node *map_type(Parser *p, Pos pos)
{
  Node *t = new_node(p, N_MAPTYPE, pos);
  want(p, T_LBRACK);
  t->a = type_(p);
  want(p, T_RBRACK);
  t->b = type_(p);
  return t;
}

/* type -> "*" type | "<-" "chan" type | "func" signature | "[" ... "]"
 *       | "chan" ["<-"] type | "map" ... | struct | interface | name
 *       | "(" type ")" ; NULL if no type starts here */
static Node *type_or_nil_inner(Parser *p)
{
  Pos pos = p->tok.pos;
  Node *t;
  switch (p->k) {
  case T_MUL:
    next(p);
    t = new_node(p, N_STAR, pos);
    t->a = type_(p);
    return t;
  case T_ARROW:
    next(p);
    want(p, T_CHAN);
    return chan_type(p, pos, NF_RECV_ONLY);
  case T_FUNC:
    next(p);
    t = func_type(p, NULL);
    t->pos = pos;
    return t;
  case T_LBRACK:
    next(p);
    if (got(p, T_RBRACK)) {
      t = new_node(p, N_ARRAYTYPE, pos);
      t->b = type_(p);
      return t;
    }
    return array_type(p, pos);
  case T_CHAN:
    next(p);
    return chan_type(p, pos, got(p, T_ARROW) ? NF_SEND_ONLY : 0);
  case T_MAP:
    next(p);
    return map_type(p, pos);
  case T_STRUCT:
    return struct_type(p);
  case T_INTERFACE:
    return interface_type(p);
  case T_IDENT:
    return qualified_name(p, NULL);
  case T_LPAREN:
    next(p);
    t = new_node(p, N_PAREN, pos);
    t->a = type_(p);
    want(p, T_RPAREN);
    return t;
  default:
    return NULL;
  }
}

static Node *type_or_nil(Parser *p)
{
  if (!enter(p))
    return NULL;
  Node *t = type_or_nil_inner(p);
  leave(p);
  return t;
}

/* ---- parameters ---- */

/* One Go Field before grouping: name and/or type. */
typedef struct Par {
  Node *name, *type;
  Pos pos;
} Par;

typedef struct ParList {
  Par *items;
  int len, cap;
  TokKind close;
} ParList;

static void par_push(Parser *p, ParList *l, Par par)
{
  if (l->len == l->cap) {
    int cap = l->cap ? 2 * l->cap : 8;
    Par *items = arena_alloc(p->arena, (size_t)cap * sizeof *items);
    if (l->len)
      memcpy(items, l->items, (size_t)l->len * sizeof *items);
    l->items = items;
    l->cap = cap;
  }
  l->items[l->len++] = par;
}

/* "..." type */
static Node *dots_type(Parser *p)
{
  Node *t = new_node(p, N_ELLIPSIS, p->tok.pos);
  next(p);
  t->a = type_or_nil(p);
  if (!t->a) {
    t->a = bad_expr(p);
    syntax_error(p, "... is missing type");
  }
  return t;
}

/* After a parameter name, "[": either the name's type is a slice or
 * array ("xs []int", "a [3]int") or the name is a generic type being
 * instantiated ("T[int]").  Go's arrayOrTArgs. */
static void array_or_targs(Parser *p, Node *n, Par *par)
{
  Pos pos = p->tok.pos;
  next(p);
  if (got(p, T_RBRACK)) {
    par->name = n;
    par->type = new_node(p, N_ARRAYTYPE, pos);
    par->type->b = type_(p);
    return;
  }
  if (p->k == T_ELLIPSIS) {
    par->name = n;
    par->type = array_type(p, pos);
    return;
  }
  Node *t = new_node(p, N_INDEX, n->pos);
  t->end = pos;
  t->a = n;
  p->xnest++;
  t->b = expr(p);
  while (got(p, T_COMMA) && p->k != T_RBRACK)
    push(p, &t->list, type_(p));
  p->xnest--;
  want(p, T_RBRACK);
  Node *elem = t->list.len == 0 ? type_or_nil(p) : NULL;
  if (elem) {
    par->name = n;
    par->type = new_node(p, N_ARRAYTYPE, pos);
    par->type->a = t->b;
    par->type->b = elem;
  } else {
    par->type = t;
  }
}

/* paramDecl -> [ name ] [ "..." ] type | name "." name  (Go's
 * paramDeclOrNil, without the type-set forms) */
static bool param_decl(Parser *p, ParList *l, Par *out)
{
  Par par = {NULL, NULL, p->tok.pos};
  if (p->k == T_IDENT) {
    Node *n = name(p);
    if (p->k == T_LBRACK) {
      array_or_targs(p, n, &par);
      *out = par;
      return true;
    }
    if (p->k == T_PERIOD) {
      par.type = qualified_name(p, n); /* pkg.T */
      *out = par;
      return true;
    }
    par.name = n;
  }
  if (p->k == T_ELLIPSIS) {
    par.type = dots_type(p);
  } else if (p->k == T_TILDE || (p->k == T_OR && l->close == T_RBRACK)) {
    par.type = embedded_elem(p, NULL);
  } else {
    par.type = type_or_nil(p);
    if (par.type && l->close == T_RBRACK && p->k == T_OR)
      par.type = embedded_elem(p, par.type);
  }
  if (!par.name && !par.type) {
    char msg[64];
    snprintf(msg, sizeof msg, "expecting %s", tok_spelling(l->close));
    syntax_error(p, msg);
    advance(p, (const TokKind[]){T_COMMA, l->close}, 2);
    return false;
  }
  *out = par;
  return true;
}

static bool param_elem(Parser *p, void *ctx)
{
  ParList *l = ctx;
  Par par;
  if (param_decl(p, l, &par))
    par_push(p, l, par);
  return false;
}

/* Go's rule: all unnamed (names are types) or all named (types
 * distributed right to left); a mix is an error. */
static void distribute_types(Parser *p, ParList *l, Pos end, bool tparams)
{
  int named = 0, typed = 0;
  for (int i = 0; i < l->len; i++) {
    if (l->items[i].name && l->items[i].type)
      named++;
    if (l->items[i].type)
      typed++;
  }
  if (named == 0 && !tparams) {
    for (int i = 0; i < l->len; i++)
      if (l->items[i].name) {
        l->items[i].type = l->items[i].name;
        l->items[i].name = NULL;
      }
    return;
  }
  if (named == l->len)
    return;
  Pos errpos = {0, 0};
  Node *typ = NULL;
  for (int i = l->len - 1; i >= 0; i--) {
    Par *par = &l->items[i];
    if (par->type) {
      typ = par->type;
      if (!par->name) {
        errpos = start_of(typ);
        par->name = new_node(p, N_IDENT, errpos);
        par->name->name = "_";
      }
    } else if (typ) {
      par->type = typ;
    } else {
      errpos = par->name->pos;
      par->type = new_node(p, N_BAD, errpos);
    }
  }
  if (errpos.line == 0)
    return;
  const char *msg = "mixed named and unnamed parameters";
  if (tparams) {
    msg = named == typed ? "missing type constraint"
                         : "type parameters must be named";
    if (named == typed)
      errpos = end;
  }
  syntax_error_at(p, errpos, msg);
}

/* Groups consecutive parameters that share one type node (a, b int) into
 * one FIELD, as ast.h wants. */
static NodeList group_fields(Parser *p, ParList *l)
{
  NodeList out = {NULL, 0};
  Node *f = NULL;
  for (int i = 0; i < l->len; i++) {
    Par *par = &l->items[i];
    if (!f || !par->name || f->a != par->type || f->list.len == 0) {
      f = new_node(p, N_FIELD, par->pos);
      f->a = par->type;
      push(p, &out, f);
    }
    if (par->name)
      push(p, &f->list, par->name);
  }
  return out;
}

/* paramList -> [ paramDecl { "," paramDecl } [ "," ] ] close
 * ("(" or "[" consumed).  *count gets the number of Go fields. */
static NodeList param_list(Parser *p, TokKind close, int *count)
{
  ParList l = {NULL, 0, 0, close};
  Pos end = list(p, "parameter list", T_COMMA, close, param_elem, &l);
  if (count)
    *count = l.len;
  if (l.len == 0)
    return (NodeList){NULL, 0};
  distribute_types(p, &l, end, close == T_RBRACK);
  return group_fields(p, &l);
}

/* result -> "(" paramList ")" | type | nothing */
static NodeList func_result(Parser *p)
{
  if (got(p, T_LPAREN))
    return param_list(p, T_RPAREN, NULL);
  Pos pos = p->tok.pos;
  Node *t = type_or_nil(p);
  NodeList l = {NULL, 0};
  if (t) {
    Node *f = new_node(p, N_FIELD, pos);
    f->a = t;
    push(p, &l, f);
  }
  return l;
}

/* signature -> [ "[" typeParams "]" ] "(" params ")" [ result ]
 * Type parameters go to *tparams when given (else they are dropped). */
static Node *func_type(Parser *p, NodeList *tparams)
{
  Node *t = new_node(p, N_FUNCTYPE, p->tok.pos);
  if (p->k == T_LBRACK) {
    next(p);
    NodeList tp = {NULL, 0};
    if (p->k == T_RBRACK) {
      syntax_error(p, "empty type parameter list");
      next(p);
    } else {
      tp = param_list(p, T_RBRACK, NULL);
    }
    if (tparams)
      *tparams = tp;
  }
  want(p, T_LPAREN);
  t->list = param_list(p, T_RPAREN, NULL);
  t->list2 = func_result(p);
  return t;
}

/* ---- statements ---- */

static Node *new_assign(Parser *p, Pos pos, TokKind op, NodeList lhs,
                        NodeList rhs)
{
  Node *s = new_node(p, N_ASSIGN, start_of(lhs.items[0]));
  s->end = pos;
  s->op = op;
  s->list = lhs;
  s->list2 = rhs;
  return s;
}

static Node *expr_stmt(Parser *p, Node *x)
{
  Node *s = new_node(p, N_EXPRSTMT, start_of(x));
  s->a = x;
  return s;
}

static bool is_op_assign(TokKind k)
{
  return k >= T_ADD_ASSIGN && k <= T_AND_NOT_ASSIGN;
}

/* rangeClause -> [ lhs ( "=" | ":=" ) ] "range" expr */
static Node *range_clause(Parser *p, Pos for_pos, NodeList lhs, TokKind op)
{
  Node *r = new_node(p, N_RANGE, for_pos);
  r->end = p->tok.pos;
  next(p);
  r->op = op;
  if (lhs.len > 0)
    r->a = lhs.items[0];
  if (lhs.len > 1)
    r->b = lhs.items[1];
  if (lhs.len > 2)
    error_at(p, lhs.items[2]->pos,
             "range clause permits at most two iteration variables");
  r->c = expr(p);
  return r;
}

/* A simple statement whose first expression is a single lhs. */
static Node *simple_single(Parser *p, Node *x)
{
  Pos pos = p->tok.pos;
  TokKind k = p->k;
  if (is_op_assign(k)) {
    next(p);
    NodeList lhs = {NULL, 0}, rhs = {NULL, 0};
    push(p, &lhs, x);
    push(p, &rhs, expr(p));
    return new_assign(p, pos, k, lhs, rhs);
  }
  if (k == T_INC || k == T_DEC) {
    next(p);
    Node *s = new_node(p, N_INCDEC, start_of(x));
    s->end = pos;
    s->op = k;
    s->a = x;
    return s;
  }
  if (k == T_ARROW) {
    next(p);
    Node *s = new_node(p, N_SEND, start_of(x));
    s->end = pos;
    s->a = x;
    s->b = expr(p);
    return s;
  }
  return expr_stmt(p, x);
}

/* simpleStmt -> expr | send | incdec | assignment | shortVarDecl
 * keyword is T_FOR (range allowed), T_SWITCH (type switch guard) or 0.
 * for_pos is the 'for' position for a range clause. */
static Node *simple_stmt(Parser *p, NodeList lhs, TokKind keyword, Pos for_pos)
{
  NodeList none = {NULL, 0};
  if (keyword == T_FOR && p->k == T_RANGE)
    return range_clause(p, for_pos, none, 0);
  if (lhs.len == 0)
    lhs = expr_list(p);
  if (lhs.len == 1 && p->k != T_ASSIGN && p->k != T_DEFINE)
    return simple_single(p, lhs.items[0]);
  if (p->k == T_ASSIGN || p->k == T_DEFINE) {
    Pos pos = p->tok.pos;
    TokKind op = p->k;
    next(p);
    if (keyword == T_FOR && p->k == T_RANGE)
      return range_clause(p, for_pos, lhs, op);
    return new_assign(p, pos, op, lhs, expr_list(p));
  }
  syntax_error(p, "expecting := or = or comma");
  ADVANCE(p, T_SEMICOLON, T_RBRACE);
  return expr_stmt(p, lhs.items[0]);
}

static Node *simple_stmt0(Parser *p, TokKind keyword, Pos for_pos)
{
  NodeList none = {NULL, 0};
  return simple_stmt(p, none, keyword, for_pos);
}

/* The Go source of a small statement, for "cannot use ... as value". */
static void stmt_string(const Node *s, Buf *out);

static void expr_string(const Node *x, Buf *out)
{
  if (!x)
    return;
  switch (x->kind) {
  case N_IDENT:
    buf_puts(out, x->name);
    return;
  case N_BASICLIT:
    buf_append(out, x->lit, x->litlen);
    return;
  case N_SELECTOR:
    expr_string(x->a, out);
    buf_printf(out, ".%s", x->name);
    return;
  case N_BINARY:
    expr_string(x->a, out);
    buf_printf(out, " %s ", tok_spelling(x->op));
    expr_string(x->b, out);
    return;
  case N_UNARY:
    buf_puts(out, tok_spelling(x->op));
    expr_string(x->a, out);
    return;
  case N_STAR:
    buf_putc(out, '*');
    expr_string(x->a, out);
    return;
  case N_PAREN:
    buf_putc(out, '(');
    expr_string(x->a, out);
    buf_putc(out, ')');
    return;
  case N_CALL:
    expr_string(x->a, out);
    buf_putc(out, '(');
    for (int i = 0; i < x->list.len; i++) {
      if (i)
        buf_puts(out, ", ");
      expr_string(x->list.items[i], out);
    }
    buf_putc(out, ')');
    return;
  case N_INDEX:
    expr_string(x->a, out);
    buf_putc(out, '[');
    expr_string(x->b, out);
    buf_putc(out, ']');
    return;
  case N_TYPEASSERT:
    expr_string(x->a, out);
    buf_puts(out, ".(");
    if (x->b)
      expr_string(x->b, out);
    else
      buf_puts(out, "type");
    buf_putc(out, ')');
    return;
  default:
    buf_puts(out, "…");
    return;
  }
}

static void list_string(const NodeList *l, Buf *out)
{
  for (int i = 0; i < l->len; i++) {
    if (i)
      buf_puts(out, ", ");
    expr_string(l->items[i], out);
  }
}

static void stmt_string(const Node *s, Buf *out)
{
  switch (s->kind) {
  case N_ASSIGN:
    if (s->op == T_ASSIGN) {
      buf_puts(out, "assignment (");
      list_string(&s->list, out);
      buf_puts(out, ") = (");
      list_string(&s->list2, out);
      buf_putc(out, ')');
      return;
    }
    list_string(&s->list, out);
    buf_printf(out, " %s ", tok_spelling(s->op));
    list_string(&s->list2, out);
    return;
  case N_INCDEC:
    expr_string(s->a, out);
    buf_puts(out, tok_spelling(s->op));
    return;
  case N_SEND:
    expr_string(s->a, out);
    buf_puts(out, " <- ");
    expr_string(s->b, out);
    return;
  case N_RANGE:
    buf_puts(out, "range ");
    expr_string(s->c, out);
    return;
  default:
    return;
  }
}

static void cannot_use_as_value(Parser *p, const Node *s)
{
  Buf b = BUF_INIT;
  stmt_string(s, &b);
  char msg[400];
  snprintf(msg, sizeof msg, "cannot use %s as value", buf_cstr(&b));
  buf_fini(&b);
  syntax_error_at(p, s->kind == N_ASSIGN ? s->end : s->pos, msg);
}

typedef struct Header {
  Node *init, *cond, *post; /* cond is a statement until unpacked */
} Header;

/* The part of a for header after "init ;". */
static void for_header_rest(Parser *p, Header *h)
{
  if (p->k != T_SEMICOLON) {
    if (p->k == T_LBRACE) {
      syntax_error(p, "expecting for loop condition");
      return;
    }
    h->cond = simple_stmt0(p, 0, p->tok.pos);
  }
  want(p, T_SEMICOLON);
  if (p->k != T_LBRACE) {
    h->post = simple_stmt0(p, 0, p->tok.pos);
    if (h->post->kind == N_ASSIGN && h->post->op == T_DEFINE)
      syntax_error_at(p, h->post->end,
                      "cannot declare in post statement of for loop");
  }
}

/* Unpacks the condition statement into an expression (Go's header tail). */
static void unpack_cond(Parser *p, Header *h, TokKind keyword, Pos semi,
                        bool real_semi)
{
  Node *s = h->cond;
  h->cond = NULL;
  if (!s) {
    if (keyword == T_IF && semi.line) {
      if (real_semi)
        syntax_error_at(p, semi, "missing condition in if statement");
      else
        error_at(
            p, semi,
            "syntax error: unexpected newline, expecting { after if clause");
      h->cond = new_node(p, N_BAD, semi);
    }
    return;
  }
  if (s->kind == N_EXPRSTMT) {
    h->cond = s->a;
    return;
  }
  if (keyword == T_SWITCH && s->kind == N_ASSIGN) {
    h->cond = s; /* maybe a type switch guard; switch_stmt decides */
    return;
  }
  cannot_use_as_value(p, s);
  h->cond = new_node(p, N_BAD, s->pos);
}

/* header -> [ init ";" ] cond | init ";" cond ";" post (for)  */
static Header header(Parser *p, TokKind keyword, Pos kw_pos)
{
  Header h = {NULL, NULL, NULL};
  if (p->k == T_LBRACE) {
    if (keyword == T_IF) {
      syntax_error(p, "missing condition in if statement");
      h.cond = bad_expr(p);
    }
    return h;
  }
  int outer = p->xnest;
  p->xnest = -1;
  if (p->k != T_SEMICOLON) {
    if (got(p, T_VAR)) {
      char msg[80];
      snprintf(msg, sizeof msg, "var declaration not allowed in %s initializer",
               tok_spelling(keyword));
      syntax_error(p, msg);
    }
    h.init = simple_stmt0(p, keyword, kw_pos);
    if (h.init->kind == N_RANGE) {
      p->xnest = outer;
      return h;
    }
  }
  Pos semi = {0, 0};
  bool real_semi = false;
  if (p->k != T_LBRACE) {
    if (p->k == T_SEMICOLON) {
      semi = p->tok.pos;
      real_semi = p->tok.text[0] == ';';
      next(p);
    } else {
      want(p, T_LBRACE);
      if (p->k != T_LBRACE)
        ADVANCE(p, T_LBRACE, T_RBRACE);
    }
    if (keyword == T_FOR)
      for_header_rest(p, &h);
    else if (p->k != T_LBRACE)
      h.cond = simple_stmt0(p, keyword, kw_pos);
  } else {
    h.cond = h.init;
    h.init = NULL;
  }
  unpack_cond(p, &h, keyword, semi, real_semi);
  p->xnest = outer;
  return h;
}

/* ifStmt -> "if" header block [ "else" ( ifStmt | block ) ] */
static Node *if_stmt(Parser *p)
{
  if (!enter(p))
    return NULL;
  Node *s = new_node(p, N_IF, p->tok.pos);
  next(p);
  Header h = header(p, T_IF, s->pos);
  s->a = h.init;
  s->b = h.cond;
  s->c = block_stmt(p, "if clause");
  if (got(p, T_ELSE)) {
    if (p->k == T_IF) {
      s->d = if_stmt(p);
    } else if (p->k == T_LBRACE) {
      s->d = block_stmt(p, "");
    } else {
      syntax_error(p, "else must be followed by if or statement block");
      ADVANCE(p, T_IDENT, T_RBRACE);
    }
  }
  leave(p);
  return s;
}

/* forStmt -> "for" [ header ] block */
static Node *for_stmt(Parser *p)
{
  Pos pos = p->tok.pos;
  next(p);
  Header h = header(p, T_FOR, pos);
  Node *s;
  if (h.init && h.init->kind == N_RANGE) {
    s = h.init;
  } else {
    s = new_node(p, N_FOR, pos);
    s->a = h.init;
    s->b = h.cond;
    s->c = h.post;
  }
  s->d = block_stmt(p, "for clause");
  return s;
}

/* caseClause -> ( "case" exprList | "default" ) ":" stmtList;
 * commClause -> ( "case" simpleStmt | "default" ) ":" stmtList */
static Node *case_clause(Parser *p, bool comm)
{
  Node *c = new_node(p, comm ? N_COMMCLAUSE : N_CASECLAUSE, p->tok.pos);
  if (p->k == T_CASE) {
    next(p);
    if (comm)
      c->a = simple_stmt0(p, 0, c->pos);
    else
      c->list = expr_list(p);
  } else if (p->k == T_DEFAULT) {
    next(p);
  } else {
    syntax_error(p, "expecting case or default or }");
    ADVANCE(p, T_COLON, T_CASE, T_DEFAULT, T_RBRACE);
  }
  c->end = p->tok.pos;
  want(p, T_COLON);
  c->list2 = stmt_list(p);
  return c;
}

/* A type switch guard: x := y.(type) or y.(type). */
static bool is_type_guard(const Node *s)
{
  if (s->kind == N_EXPRSTMT) {
    const Node *x = s->a;
    return x->kind == N_TYPEASSERT && !x->b;
  }
  return s->kind == N_ASSIGN && s->op == T_DEFINE && s->list.len == 1 &&
         s->list.items[0]->kind == N_IDENT && s->list2.len == 1 &&
         s->list2.items[0]->kind == N_TYPEASSERT && !s->list2.items[0]->b;
}

static void switch_body(Parser *p, Node *s, const char *what, bool comm)
{
  if (!got(p, T_LBRACE)) {
    char msg[64];
    snprintf(msg, sizeof msg, "missing { after %s clause", what);
    syntax_error(p, msg);
    ADVANCE(p, T_CASE, T_DEFAULT, T_RBRACE);
  }
  while (p->k != T_EOF && p->k != T_RBRACE)
    push(p, &s->list, case_clause(p, comm));
  want(p, T_RBRACE);
}

/* switchStmt -> "switch" [ header ] "{" { caseClause } "}" */
static Node *switch_stmt(Parser *p)
{
  if (!enter(p))
    return NULL;
  Node *s = new_node(p, N_SWITCH, p->tok.pos);
  next(p);
  Header h = header(p, T_SWITCH, s->pos);
  s->a = h.init;
  Node *tag = h.cond;
  if (tag && tag->kind == N_ASSIGN) {
    if (is_type_guard(tag)) {
      s->kind = N_TYPESWITCH;
    } else {
      cannot_use_as_value(p, tag);
      tag = new_node(p, N_BAD, tag->pos);
    }
  } else if (tag && tag->kind == N_TYPEASSERT && !tag->b) {
    s->kind = N_TYPESWITCH;
    tag = expr_stmt(p, tag);
  }
  s->b = tag;
  switch_body(p, s, "switch", false);
  leave(p);
  return s;
}

/* The three shapes a select case may have (else the checker would have
 * to re-derive them). */
static bool is_recv(const Node *x)
{
  x = ast_unparen((Node *)x);
  return x->kind == N_UNARY && x->op == T_ARROW;
}

static void check_comm(Parser *p, const Node *s)
{
  if (!s)
    return;
  bool ok =
      s->kind == N_SEND || (s->kind == N_EXPRSTMT && is_recv(s->a)) ||
      (s->kind == N_ASSIGN && (s->op == T_ASSIGN || s->op == T_DEFINE) &&
       s->list.len <= 2 && s->list2.len == 1 && is_recv(s->list2.items[0]));
  if (!ok)
    error_at(p, s->pos,
             "select case must be send or receive (possibly with assignment)");
}

/* selectStmt -> "select" "{" { commClause } "}" */
static Node *select_stmt(Parser *p)
{
  if (!enter(p))
    return NULL;
  Node *s = new_node(p, N_SELECT, p->tok.pos);
  next(p);
  switch_body(p, s, "select", true);
  for (int i = 0; i < s->list.len; i++)
    check_comm(p, s->list.items[i]->a);
  leave(p);
  return s;
}

/* callStmt -> ( "go" | "defer" ) call */
static Node *call_stmt(Parser *p)
{
  Node *s = new_node(p, p->k == T_GO ? N_GO : N_DEFER, p->tok.pos);
  const char *kw = p->k == T_GO ? "go" : "defer";
  next(p);
  Node *x = pexpr(p, p->k == T_LPAREN);
  Node *t = ast_unparen(x);
  if (t != x) {
    error_at(p, start_of(x), "expression in %s must not be parenthesized", kw);
    x = t;
  }
  if (x->kind != N_CALL && x->kind != N_BAD)
    error_at(p, start_of(x), "expression in %s must be function call", kw);
  s->a = x;
  return s;
}

static Node *branch_stmt(Parser *p)
{
  Node *s = new_node(p, N_BRANCH, p->tok.pos);
  s->op = p->k;
  next(p);
  if (s->op == T_GOTO)
    s->name = name(p)->name;
  else if (s->op != T_FALLTHROUGH && p->k == T_IDENT)
    s->name = name(p)->name;
  return s;
}

static Node *return_stmt(Parser *p)
{
  Node *s = new_node(p, N_RETURN, p->tok.pos);
  next(p);
  if (p->k != T_SEMICOLON && p->k != T_RBRACE)
    s->list = expr_list(p);
  return s;
}

/* labeledStmt -> label ":" statement */
static Node *labeled_stmt(Parser *p, Node *label)
{
  Node *s = new_node(p, N_LABELED, label->pos);
  s->name = label->name;
  Pos colon = p->tok.pos;
  want(p, T_COLON);
  if (p->k == T_RBRACE) {
    s->a = new_node(p, N_EMPTY, p->tok.pos);
    return s;
  }
  s->a = stmt_or_nil(p);
  if (s->a)
    return s;
  syntax_error_at(p, colon, "missing statement after label");
  return NULL;
}

/* ---- declarations ---- */

typedef Node *(*SpecFn)(Parser *p, Node *decl, int index);

typedef struct GroupCtx {
  Node *decl;
  SpecFn f;
} GroupCtx;

static bool group_elem(Parser *p, void *ctx)
{
  GroupCtx *g = ctx;
  Node *spec = g->f(p, g->decl, g->decl->list.len);
  if (spec)
    push(p, &g->decl->list, spec);
  return false;
}

/* decl -> keyword ( spec | "(" { spec ";" } ")" ); keyword consumed */
static Node *gen_decl(Parser *p, TokKind kw, Pos pos, SpecFn f)
{
  Node *d = new_node(p, N_GENDECL, pos);
  d->op = kw;
  if (got(p, T_LPAREN)) {
    GroupCtx g = {d, f};
    list(p, "grouped declaration", T_SEMICOLON, T_RPAREN, group_elem, &g);
  } else {
    Node *spec = f(p, d, 0);
    if (spec)
      push(p, &d->list, spec);
  }
  return d;
}

/* "=" (or ":=" with a complaint) */
static bool got_assign(Parser *p)
{
  if (p->k == T_DEFINE)
    syntax_error(p, "expecting =");
  if (p->k == T_DEFINE || p->k == T_ASSIGN) {
    next(p);
    return true;
  }
  return false;
}

/* constSpec -> names [ [ type ] "=" exprList ] */
static Node *const_spec(Parser *p, Node *decl, int index)
{
  Node *s = new_node(p, N_VALUESPEC, p->tok.pos);
  s->iota = index;
  s->list = name_list(p, name(p));
  if (p->k != T_EOF && p->k != T_SEMICOLON && p->k != T_RPAREN) {
    s->a = type_or_nil(p);
    if (got_assign(p))
      s->list2 = expr_list(p);
  }
  if (!s->a && s->list2.len == 0 && index > 0) {
    Node *prev = decl->list.items[index - 1];
    s->a = ast_clone(p->arena, prev->a);
    for (int i = 0; i < prev->list2.len; i++)
      push(p, &s->list2, ast_clone(p->arena, prev->list2.items[i]));
    s->flags |= NF_IMPLICIT;
  }
  return s;
}

/* varSpec -> names ( type [ "=" exprList ] | "=" exprList ) */
static Node *var_spec(Parser *p, Node *decl, int index)
{
  (void)decl;
  (void)index;
  Node *s = new_node(p, N_VALUESPEC, p->tok.pos);
  s->list = name_list(p, name(p));
  if (got_assign(p)) {
    s->list2 = expr_list(p);
  } else {
    s->a = type_(p);
    if (got_assign(p))
      s->list2 = expr_list(p);
  }
  return s;
}

/* After "type Name [": type parameters, or an array/slice type? */
static bool looks_like_tparams(Parser *p)
{
  if (p->k != T_IDENT)
    return false;
  Lexer peek = p->lx;
  peek.diags = NULL;
  Token t = lex_next(&peek);
  switch (t.kind) {
  case T_IDENT:
  case T_COMMA:
  case T_INTERFACE:
  case T_TILDE:
  case T_LBRACK:
  case T_FUNC:
  case T_MAP:
  case T_CHAN:
  case T_STRUCT:
    return true;
  default:
    return false;
  }
}

/* typeSpec -> name [ typeParams ] [ "=" ] type */
static Node *type_spec(Parser *p, Node *decl, int index)
{
  (void)decl;
  (void)index;
  Node *s = new_node(p, N_TYPESPEC, p->tok.pos);
  s->name = name(p)->name;
  if (p->k == T_LBRACK) {
    Pos pos = p->tok.pos;
    next(p);
    if (looks_like_tparams(p)) {
      s->list = param_list(p, T_RBRACK, NULL);
      s->a = type_or_nil(p);
    } else if (got(p, T_RBRACK)) {
      s->a = new_node(p, N_ARRAYTYPE, pos);
      s->a->b = type_(p);
    } else {
      s->a = array_type(p, pos);
    }
  } else {
    if (got_assign(p))
      s->flags |= NF_ALIAS;
    s->a = type_or_nil(p);
  }
  if (!s->a) {
    s->a = bad_expr(p);
    syntax_error(p, "in type declaration");
    ADVANCE(p, T_SEMICOLON, T_RPAREN);
  }
  return s;
}

static Node *decl_stmt(Parser *p, SpecFn f)
{
  Node *s = new_node(p, N_DECLSTMT, p->tok.pos);
  TokKind kw = p->k;
  next(p);
  s->a = gen_decl(p, kw, s->pos, f);
  return s;
}

/* ---- statements, continued ---- */

static Node *stmt_or_nil_inner(Parser *p)
{
  Pos pos = p->tok.pos;
  switch (p->k) {
  case T_IDENT: {
    NodeList lhs = expr_list(p);
    if (lhs.len == 1 && lhs.items[0]->kind == N_IDENT && p->k == T_COLON)
      return labeled_stmt(p, lhs.items[0]);
    return simple_stmt(p, lhs, 0, pos);
  }
  case T_VAR:
    return decl_stmt(p, var_spec);
  case T_CONST:
    return decl_stmt(p, const_spec);
  case T_TYPE:
    return decl_stmt(p, type_spec);
  case T_LBRACE:
    return block_stmt(p, "");
  case T_MUL:
  case T_ADD:
  case T_SUB:
  case T_AND:
  case T_XOR:
  case T_NOT:
  case T_INT:
  case T_FLOAT:
  case T_IMAG:
  case T_CHAR:
  case T_STRING:
  case T_FUNC:
  case T_LPAREN:
  case T_LBRACK:
  case T_STRUCT:
  case T_MAP:
  case T_CHAN:
  case T_INTERFACE:
  case T_ARROW:
    return simple_stmt0(p, 0, pos);
  case T_FOR:
    return for_stmt(p);
  case T_SWITCH:
    return switch_stmt(p);
  case T_SELECT:
    return select_stmt(p);
  case T_IF:
    return if_stmt(p);
  case T_FALLTHROUGH:
  case T_BREAK:
  case T_CONTINUE:
  case T_GOTO:
    return branch_stmt(p);
  case T_GO:
  case T_DEFER:
    return call_stmt(p);
  case T_RETURN:
    return return_stmt(p);
  case T_SEMICOLON:
    return new_node(p, N_EMPTY, pos);
  default:
    return NULL;
  }
}

static Node *stmt_or_nil(Parser *p)
{
  if (!enter(p))
    return NULL;
  Node *s = stmt_or_nil_inner(p);
  leave(p);
  return s;
}

/* stmtList -> { statement ";" }   (";" optional before "}") */
static NodeList stmt_list(Parser *p)
{
  NodeList l = {NULL, 0};
  while (p->k != T_EOF && p->k != T_RBRACE && p->k != T_CASE &&
         p->k != T_DEFAULT) {
    Node *s = stmt_or_nil(p);
    if (!s)
      break;
    push(p, &l, s);
    if (!got(p, T_SEMICOLON) && p->k != T_RBRACE) {
      syntax_error(p, "at end of statement");
      ADVANCE(p, T_SEMICOLON, T_RBRACE, T_CASE, T_DEFAULT);
      got(p, T_SEMICOLON);
    }
  }
  return l;
}

/* block -> "{" stmtList "}" */
static Node *block_stmt(Parser *p, const char *context)
{
  Node *s = new_node(p, N_BLOCK, p->tok.pos);
  if (!got(p, T_LBRACE)) {
    char msg[64];
    snprintf(msg, sizeof msg, "expecting { after %s", context);
    syntax_error(p, msg);
    ADVANCE(p, T_IDENT, T_RBRACE);
    s->end = p->tok.pos;
    if (got(p, T_RBRACE))
      return s;
  }
  s->list = stmt_list(p);
  s->end = p->tok.pos;
  want(p, T_RBRACE);
  return s;
}

static Node *func_body(Parser *p)
{
  p->fnest++;
  Node *b = block_stmt(p, "");
  p->fnest--;
  return b;
}

/* funcDecl -> "func" [ receiver ] name signature [ body ] ("func" consumed) */
static Node *func_decl(Parser *p, Pos func_pos)
{
  Node *f = new_node(p, N_FUNCDECL, func_pos);
  f->end = func_pos;
  if (got(p, T_LPAREN)) {
    int n = 0;
    NodeList rcvr = param_list(p, T_RPAREN, &n);
    if (n == 0)
      error_at(p, p->tok.pos, "method has no receiver");
    else if (n > 1)
      error_at(p, p->tok.pos, "method has multiple receivers");
    if (rcvr.len)
      f->a = rcvr.items[0];
  }
  if (p->k != T_IDENT) {
    syntax_error(p, "expecting name or (");
    ADVANCE(p, T_LBRACE, T_SEMICOLON);
    return NULL;
  }
  f->pos = p->tok.pos;
  f->name = name(p)->name;
  f->b = func_type(p, &f->list);
  if (p->k == T_LBRACE) {
    p->xnest++;
    f->c = func_body(p);
    p->xnest--;
  }
  return f;
}

/* ---- file ---- */

/* go/parser's "expected X, found Y" (the go command's pre-pass). */
static void expected(Parser *p, const char *what)
{
  char found[256];
  int len = p->tok.len > 200 ? 200 : (int)p->tok.len;
  if (p->k == T_SEMICOLON && p->tok.text[0] == '\n' &&
      !lex_semi_at_eof(&p->tok))
    snprintf(found, sizeof found, "newline");
  else if (p->k == T_IDENT || is_literal(p->k))
    snprintf(found, sizeof found, "%.*s", len, p->tok.text);
  else if (p->k == T_SEMICOLON)
    snprintf(found, sizeof found, "'%s'",
             lex_semi_at_eof(&p->tok) ? "EOF" : ";");
  else if (p->k == T_COMMA)
    snprintf(found, sizeof found, "','");
  else
    snprintf(found, sizeof found, "'%s'", tok_spelling(p->k));
  error_at(p, p->tok.pos, "expected %s, found %s", what, found);
}

static bool expect_semi(Parser *p)
{
  if (p->k == T_RPAREN)
    return true;
  if (got(p, T_SEMICOLON))
    return true;
  expected(p, "';'");
  return false;
}

/* importSpec -> [ name | "." ] string */
static bool import_spec(Parser *p, Node *d)
{
  Node *s = new_node(p, N_IMPORTSPEC, p->tok.pos);
  if (p->k == T_IDENT) {
    s->name = tok_text(p);
    next(p);
  } else if (p->k == T_PERIOD) {
    s->name = ".";
    next(p);
  }
  if (p->k != T_STRING) {
    expected(p, "'STRING'");
    return false;
  }
  Buf path = BUF_INIT;
  if (!lex_unquote_string(p->tok.text, p->tok.len, &path) || path.len == 0)
    error_at(p, p->tok.pos, "invalid import path: %.*s", (int)p->tok.len,
             p->tok.text);
  char *lit = arena_alloc(p->arena, path.len + 1);
  if (path.len)
    memcpy(lit, path.data, path.len);
  s->lit = lit;
  s->litlen = path.len;
  buf_fini(&path);
  next(p);
  push(p, &d->list, s);
  return true;
}

/* importDecl -> "import" ( spec | "(" { spec ";" } ")" ) */
static bool import_decl(Parser *p, Node *file)
{
  Node *d = new_node(p, N_GENDECL, p->tok.pos);
  d->op = T_IMPORT;
  next(p);
  push(p, &file->list, d);
  if (!got(p, T_LPAREN))
    return import_spec(p, d) && expect_semi(p);
  while (p->k != T_RPAREN && p->k != T_EOF)
    if (!import_spec(p, d) || !expect_semi(p))
      return false;
  if (p->k != T_RPAREN) {
    expected(p, "')'");
    return false;
  }
  next(p);
  return expect_semi(p);
}

/* The go command's pre-pass: package clause and imports. */
static bool file_header(Parser *p, Node *f)
{
  if (p->k != T_PACKAGE) {
    expected(p, "'package'");
    return false;
  }
  next(p);
  if (p->k != T_IDENT) {
    expected(p, "'IDENT'");
    return false;
  }
  f->name = tok_text(p);
  f->pos = p->tok.pos;
  next(p);
  if (!expect_semi(p))
    return false;
  while (p->k == T_IMPORT)
    if (!import_decl(p, f))
      return false;
  return true;
}

static bool is_bodyless_func(const Node *f)
{
  return f->list.len > 0 &&
         f->list.items[f->list.len - 1]->kind == N_FUNCDECL &&
         !f->list.items[f->list.len - 1]->c;
}

/* topLevelDecl -> constDecl | typeDecl | varDecl | funcDecl */
static bool top_decl(Parser *p, Node *f)
{
  Pos pos = p->tok.pos;
  TokKind k = p->k;
  switch (k) {
  case T_CONST:
    next(p);
    push(p, &f->list, gen_decl(p, k, pos, const_spec));
    return true;
  case T_TYPE:
    next(p);
    push(p, &f->list, gen_decl(p, k, pos, type_spec));
    return true;
  case T_VAR:
    next(p);
    push(p, &f->list, gen_decl(p, k, pos, var_spec));
    return true;
  case T_FUNC: {
    next(p);
    Node *d = func_decl(p, pos);
    if (d)
      push(p, &f->list, d);
    return true;
  }
  default:
    if (p->k == T_LBRACE && is_bodyless_func(f))
      syntax_error(p, "unexpected semicolon or newline before {");
    else
      syntax_error(p, "non-declaration statement outside function body");
    ADVANCE(p, T_CONST, T_TYPE, T_VAR, T_FUNC);
    return false;
  }
}

Node *parse_file(Arena *arena, const char *filename, const char *src,
                 size_t len, Diags *diags)
{
  (void)filename;
  Parser p;
  memset(&p, 0, sizeof p);
  p.arena = arena;
  p.diags = diags;
  p.errs0 = diags->len;
  lex_init(&p.lx, src, len, diags, 0);
  next(&p);
  Node *f = new_node(&p, N_FILE, p.tok.pos);
  f->name = "";
  if (!file_header(&p, f))
    return f;
  while (p.k != T_EOF) {
    if (!top_decl(&p, f))
      continue;
    if (p.k != T_EOF && !got(&p, T_SEMICOLON)) {
      syntax_error(&p, "after top level declaration");
      ADVANCE(&p, T_CONST, T_TYPE, T_VAR, T_FUNC);
    }
  }
  return f;
}
