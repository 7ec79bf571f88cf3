// Heap traffic per benchmark iteration. Linking alloc_meter.cpp replaces the global operator
// new and delete with counting ones for the whole program.
#pragma once

#include <cstddef>

#include <benchmark/benchmark.h>

namespace awscoro::bench {

std::size_t allocations_so_far() noexcept;
std::size_t bytes_allocated_so_far() noexcept;

// Counts heap traffic across the timed loop and reports it per iteration.
struct alloc_meter {
  std::size_t allocs0 = allocations_so_far(), bytes0 = bytes_allocated_so_far();
  void report(benchmark::State& state) const {
    auto n = static_cast<double>(state.iterations());
    state.counters["allocs/call"] = static_cast<double>(allocations_so_far() - allocs0) / n;
    state.counters["bytes/call"] = static_cast<double>(bytes_allocated_so_far() - bytes0) / n;
  }
};

}  // namespace awscoro::bench
