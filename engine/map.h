/* map.h - Go maps: hash tables keyed by any comparable Value (map.c).
 *
 * Entries live in a dense array in insertion order (deleted ones are
 * tombstoned) indexed by an open-addressing hash table, so fmt can walk
 * them and range can start at a seeded random position and still visit
 * every entry once, as Go randomises iteration order.  Keys are hashed and
 * compared by type (value.h val_hash / val_equal): strings by content,
 * interfaces by dynamic type and value, structs field by field; a key whose
 * dynamic type is not comparable panics "runtime error: hash of
 * unhashable type []int".  MapObj lives on the VM heap; its arrays are
 * malloc'd and released by the object's finalizer. */
#ifndef PANICROOM_ENGINE_MAP_H
#define PANICROOM_ENGINE_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/value.h"

struct VM;
struct Type;

typedef struct MapObj MapObj;

/* map_type is the map type (TY_MAP or a named type over one). */
MapObj *map_new(struct VM *vm, struct Type *map_type, int64_t hint);
int64_t map_len(const MapObj *m); /* nil-safe */
struct Type *map_type(const MapObj *m);

/* Lookup: returns a pointer to the value slot, or NULL if absent. *bad is
 * set to the unhashable dynamic type when the key cannot be hashed. */
Value *map_find(MapObj *m, Value key, struct Type **bad);
/* Insert or overwrite; returns the value slot. */
Value *map_set(struct VM *vm, MapObj *m, Value key, Value val,
               struct Type **bad);
void map_delete(MapObj *m, Value key, struct Type **bad);

/* Go's hashWriting flag (runtime/map.go): a write sets it, may be switched
 * out (the VM's switch point), then completes and clears it; any other
 * access that finds it set is a concurrent access, which Go turns into a
 * fatal error.  The writer that holds it is recorded so a resumed write can
 * tell its own flag from another goroutine's.  Setting and clearing the
 * flag are the trace's map_write_begin and map_write_end events when the
 * map's VM has a trace (trace.h).  Nil-safe. */
bool map_writing(const MapObj *m);
void map_set_writing(MapObj *m, const void *writer); /* NULL clears */
const void *map_writer(const MapObj *m);
/* The key type's hashability check alone (Go hashes the key before it
 * sets hashWriting, so an unhashable key panics first); true if hashable,
 * else *bad is set. */
bool map_key_ok(const MapObj *m, Value key, struct Type **bad);

/* Walk in insertion order: entries 0..map_cap_entries()-1, skipping
 * deleted ones (map_entry returns false for them). */
int64_t map_entries(const MapObj *m);
bool map_entry(const MapObj *m, int64_t i, Value *key, Value *val);

/* Range iteration in a seeded random order (the VM passes sched_rand).
 * The iterator walks entry sequence numbers [first, end) snapshotted at
 * init, starting at a random one and wrapping round once; entries added
 * during the loop are not visited, deleted ones are skipped. */
typedef struct MapIter {
  MapObj *m;
  int64_t first, end, start; /* seq range and random start */
  int64_t cur, pos;          /* next seq to visit; its entry number */
  uint64_t epoch;            /* map's compaction count when pos was set */
  int64_t n;                 /* live entries at init */
  bool wrapped, done;
} MapIter;
void map_iter_init(MapIter *it, MapObj *m, uint64_t rand);
bool map_iter_next(MapIter *it, Value *key, Value *val);

#endif
