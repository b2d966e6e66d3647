// The C reference for the kernel benchmark: blocked 64-bit lane sums, flushed into an unsigned
// __int128 total; a block is as long as its largest square allows without overflowing 64 bits, so
// blocks shrink as the values grow. Built with gcc -O3 -march=native (which vectorises the block).
// Usage: sum_squares END [RUNS]   prints the exact sum of i*i over [0, END) and the best time.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef unsigned __int128 u128;

static u128 sum_squares(uint64_t start, uint64_t end) {
    u128 total = 0;
    uint64_t i = start;
    while (i < end) {
        uint64_t len = end - i < (1u << 16) ? end - i : (1u << 16);
        uint64_t top = i + len - 1;
        while (len > 1 && top * top > UINT64_MAX / len) {
            len /= 2;
            top = i + len - 1;
        }
        uint64_t block = 0;
        for (uint64_t k = 0; k < len; k++) {
            uint64_t x = i + k;
            block += x * x;
        }
        total += block;
        i += len;
    }
    return total;
}

static void print_u128(u128 v) {
    char digits[48];
    int n = 0;
    do {
        digits[n++] = (char) ('0' + (int) (v % 10));
        v /= 10;
    } while (v);
    while (n) putchar(digits[--n]);
}

int main(int argc, char **argv) {
    uint64_t end = strtoull(argv[1], NULL, 10);
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    double best = 1e30;
    u128 sum = 0;
    for (int r = 0; r < runs; r++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        sum = sum_squares(0, end);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
        if (ms < best) best = ms;
    }
    printf("c [0,%llu) best of %d: %.2f ms sum ", (unsigned long long) end, runs, best);
    print_u128(sum);
    putchar('\n');
    return 0;
}
