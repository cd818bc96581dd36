/* ast.c - node construction, names and a compact S-expression dump of the
 * syntax tree (see ast.h).
 *
 * Design: lists grow inside the arena by doubling whenever their length
 * reaches a power of two, so NodeList needs no capacity field and
 * appending stays amortised O(1); the old arrays are simply abandoned to
 * the arena. */
#include "engine/ast.h"

#include <string.h>

static const char *const kind_names[] = {
#define X(name, doc) #name,
    AST_KINDS(X)
#undef X
};

static const char *const tok_spellings[] = {
#define TOKEN(name, spelling) spelling,
#include "engine/tokens.def"
#undef TOKEN
};

const char *ast_kind_name(NodeKind k)
{
  return k >= 0 && k < N__COUNT ? kind_names[k] : "?";
}

const char *tok_spelling(TokKind k)
{
  return k >= 0 && k < T__COUNT ? tok_spellings[k] : "?";
}

Node *ast_new(Arena *arena, NodeKind kind, Pos pos)
{
  Node *n = arena_alloc(arena, sizeof *n);
  n->kind = kind;
  n->pos = pos;
  return n;
}

static bool is_pow2(int n) { return n > 0 && (n & (n - 1)) == 0; }

void ast_list_push(Arena *arena, NodeList *list, Node *item)
{
  if (list->len == 0 || (list->len >= 4 && is_pow2(list->len))) {
    int cap = list->len == 0 ? 4 : 2 * list->len;
    Node **items = arena_alloc(arena, (size_t)cap * sizeof *items);
    if (list->len)
      memcpy(items, list->items, (size_t)list->len * sizeof *items);
    list->items = items;
  }
  list->items[list->len++] = item;
}

Node *ast_unparen(Node *n)
{
  while (n && n->kind == N_PAREN)
    n = n->a;
  return n;
}

static NodeList clone_list(Arena *arena, NodeList l)
{
  NodeList out = {NULL, 0};
  for (int i = 0; i < l.len; i++)
    ast_list_push(arena, &out, ast_clone(arena, l.items[i]));
  return out;
}

Node *ast_clone(Arena *arena, const Node *n)
{
  if (!n)
    return NULL;
  Node *c = ast_new(arena, n->kind, n->pos);
  c->op = n->op;
  c->flags = n->flags;
  c->end = n->end;
  c->name = n->name;
  c->lit = n->lit;
  c->litlen = n->litlen;
  c->iota = n->iota;
  c->a = ast_clone(arena, n->a);
  c->b = ast_clone(arena, n->b);
  c->c = ast_clone(arena, n->c);
  c->d = ast_clone(arena, n->d);
  c->list = clone_list(arena, n->list);
  c->list2 = clone_list(arena, n->list2);
  return c;
}

/* ---- dump ---- */

static void dump_flags(int flags, Buf *out)
{
  static const char *const names[] = {
      "...", "slice3", "alias", "implicit", "parens", "sendonly", "recvonly"};
  for (int i = 0; i < 7; i++)
    if (flags & (1 << i))
      buf_printf(out, " %s", names[i]);
}

/* The operator of nodes that carry one, printed as Go spells it. */
static bool has_op(NodeKind k)
{
  return k == N_UNARY || k == N_BINARY || k == N_ASSIGN || k == N_INCDEC ||
         k == N_BRANCH || k == N_GENDECL || k == N_RANGE;
}

static void dump_header(const Node *n, Buf *out)
{
  buf_printf(out, "(%s", ast_kind_name(n->kind));
  if (has_op(n->kind) && n->op)
    buf_printf(out, " %s", tok_spelling(n->op));
  if (n->name)
    buf_printf(out, " %s", n->name);
  if (n->lit) {
    buf_putc(out, ' ');
    buf_append(out, n->lit, n->litlen);
  }
  if (n->kind == N_VALUESPEC)
    buf_printf(out, " iota=%d", n->iota);
  dump_flags(n->flags, out);
}

void ast_dump(const Node *n, Buf *out)
{
  if (!n) {
    buf_puts(out, "_");
    return;
  }
  dump_header(n, out);
  const Node *slots[4] = {n->a, n->b, n->c, n->d};
  int last = 3;
  while (last >= 0 && !slots[last])
    last--;
  for (int i = 0; i <= last; i++) {
    buf_putc(out, ' ');
    ast_dump(slots[i], out);
  }
  for (int i = 0; i < n->list.len; i++) {
    buf_putc(out, ' ');
    ast_dump(n->list.items[i], out);
  }
  if (n->list2.len)
    buf_puts(out, " |");
  for (int i = 0; i < n->list2.len; i++) {
    buf_putc(out, ' ');
    ast_dump(n->list2.items[i], out);
  }
  buf_putc(out, ')');
}
