/* Deterministic randomness for the forge: splitmix64 (Steele, Lea, Flood,
 * "Fast splittable pseudorandom number generators", 2014).  Every decision
 * the forge makes at random comes from a stream seeded by the scenario, so
 * the same scenario and seed give the same image. */
#include "forge/forge_int.h"

void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
    r->s = seed ^ (stream * 0xD1342543DE82EF95ULL) ^ 0x5851F42D4C957F2DULL;
    (void)rng_next(r);
}

uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t rng_range(struct rng *r, uint64_t lo, uint64_t hi)
{
    if (hi <= lo)
        return lo;
    uint64_t span = hi - lo + 1;
    if (span == 0)
        return rng_next(r);
    return lo + rng_next(r) % span;
}
