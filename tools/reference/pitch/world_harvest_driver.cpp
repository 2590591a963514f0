// Our driver (not WORLD code): runs WORLD Harvest + StoneMask exactly as RVC calls them through pyworld
// (pyworld.harvest(x, 16000, f0_floor=50, f0_ceil=1100, frame_period=10) + pyworld.stonemask).
// Input: raw little-endian float32 samples at 16 kHz; output: CSV time_s,harvest_hz,stonemask_hz.
// Build: g++ -O2 -I <World>/src -o worldf0 world_harvest_driver.cpp <World>/src/*.cpp
// Usage: worldf0 in.f32 out.csv   (see make_world_fixtures.sh)
#include <cstdio>
#include <vector>
#include "world/harvest.h"
#include "world/stonemask.h"
int main(int argc, char** argv) {
  FILE* f = fopen(argv[1], "rb");
  std::vector<double> x; float v;
  while (fread(&v, 4, 1, f) == 1) x.push_back(v);
  fclose(f);
  HarvestOption opt; InitializeHarvestOption(&opt);
  opt.f0_floor = 50; opt.f0_ceil = 1100; opt.frame_period = 10;
  int n = GetSamplesForHarvest(16000, (int)x.size(), opt.frame_period);
  std::vector<double> t(n), f0(n), r(n);
  Harvest(x.data(), (int)x.size(), 16000, &opt, t.data(), f0.data());
  StoneMask(x.data(), (int)x.size(), 16000, t.data(), f0.data(), n, r.data());
  FILE* o = fopen(argv[2], "w");
  fprintf(o, "time_s,harvest_hz,stonemask_hz\n");
  for (int i = 0; i < n; i++) fprintf(o, "%.3f,%.17g,%.17g\n", t[i], f0[i], r[i]);
  fclose(o);
  return 0;
}
