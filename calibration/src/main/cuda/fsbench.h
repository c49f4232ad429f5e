// Fleetsim calibration microbenchmarks: shared helpers (JSON lines, timing, options, errors).
//
// Every benchmark writes JSON lines on stdout (one object a line, format
// fleetsim-calibration-raw/1, described in docs/CALIBRATION.md) and human messages on stderr.
// The program links only the CUDA runtime (statically); cuBLASLt, cuDNN, NCCL and NVML are
// opened with dlopen at run time (dynlib.h), so it builds where only nvcc is installed.
#pragma once

#include <cuda_runtime.h>

#include <chrono>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#define FSB_FORMAT "fleetsim-calibration-raw/1"

namespace fsb {

// ---- errors ---------------------------------------------------------------------------------

// Exit codes the Java runner understands.
constexpr int EXIT_OK = 0;
constexpr int EXIT_USAGE = 2;
constexpr int EXIT_NO_GPU = 4;
constexpr int EXIT_FAILED = 5;

[[noreturn]] void die(int code, const char* fmt, ...);
void warn(const char* fmt, ...);

#define FSB_CUDA(call)                                                                              \
    do {                                                                                            \
        cudaError_t fsb_err_ = (call);                                                              \
        if (fsb_err_ != cudaSuccess) {                                                              \
            ::fsb::die(::fsb::EXIT_FAILED, "%s:%d: %s failed: %s", __FILE__, __LINE__, #call,       \
                       cudaGetErrorString(fsb_err_));                                               \
        }                                                                                           \
    } while (0)

// ---- JSON lines -----------------------------------------------------------------------------

struct Timing;

// One JSON object, built field by field and printed as one line. Numbers use %.9g so that
// no precision a fit could use is lost; strings are escaped.
class Json {
  public:
    Json& str(const char* key, const std::string& value);
    Json& num(const char* key, double value);
    Json& integer(const char* key, long long value);
    Json& boolean(const char* key, bool value);
    Json& raw(const char* key, const std::string& json);  // an already-encoded value
    Json& timing(const struct Timing& t);                  // timeUs, minUs, samples, repeats
    std::string text() const { return "{" + body_ + "}"; }
    void emit() const;  // prints the line on stdout and flushes (the runner reads it live)

  private:
    void key(const char* k);
    std::string body_;
};

std::string quote(const std::string& s);

// ---- options --------------------------------------------------------------------------------

// The options every sub-command shares; each sub-command reads what it needs.
struct Options {
    bool quick = false;
    int device = -1;          // -1: the sub-command's default (device 0, or all devices)
    int warmup = 5;
    int samples = 20;
    double budgetS = 0;       // 0: no budget; otherwise stop starting new points after this
    std::string dtype;        // gemm: fp32 | tf32 | bf16 | fp16 | fp8
    std::string ops;          // nccl: comma-separated operation names
    std::string idFile;       // nccl multi-process: unique id exchange file
    bool multiProcess = false;
    int rank = -1, nranks = -1, localRank = -1;
    long long maxBytes = 0;   // 0: the benchmark's default upper size
};

Options parseOptions(int argc, char** argv, int first);

// ---- time -----------------------------------------------------------------------------------

double nowS();  // steady clock, seconds

// Wall-clock budget of one sub-command: points are skipped (and the run marked truncated)
// once it is spent, so the runner's overall time budget holds.
class Budget {
  public:
    explicit Budget(double seconds) : limitS_(seconds), startS_(nowS()) {}
    bool exhausted() const { return limitS_ > 0 && nowS() - startS_ > limitS_; }
    double elapsedS() const { return nowS() - startS_; }

  private:
    double limitS_;
    double startS_;
};

// Median and minimum of samples (microseconds).
struct Timing {
    double medianUs = 0;
    double minUs = 0;
    int samples = 0;
    int repeats = 1;
};

Timing summarise(std::vector<double> us, int repeats);

// Times fn on a stream with CUDA events: `warmup` untimed calls, then `samples` samples of
// `repeats` back-to-back calls each; a sample's time is its elapsed time / repeats. When
// repeats is 0 it is chosen so that a sample lasts about targetSampleUs.
template <typename F>
Timing timeOnStream(cudaStream_t stream, int warmup, int samples, int repeats, double targetSampleUs, F fn) {
    cudaEvent_t a, b;
    FSB_CUDA(cudaEventCreate(&a));
    FSB_CUDA(cudaEventCreate(&b));
    for (int i = 0; i < warmup; ++i) fn(i);
    FSB_CUDA(cudaStreamSynchronize(stream));
    if (repeats <= 0) {
        FSB_CUDA(cudaEventRecord(a, stream));
        fn(0);
        FSB_CUDA(cudaEventRecord(b, stream));
        FSB_CUDA(cudaEventSynchronize(b));
        float ms = 0;
        FSB_CUDA(cudaEventElapsedTime(&ms, a, b));
        double one = ms * 1000.0;
        repeats = one <= 0 ? 100 : (int)(targetSampleUs / one);
        if (repeats < 1) repeats = 1;
        if (repeats > 1000) repeats = 1000;
    }
    std::vector<double> us;
    int call = 0;
    for (int s = 0; s < samples; ++s) {
        FSB_CUDA(cudaEventRecord(a, stream));
        for (int r = 0; r < repeats; ++r) fn(call++);
        FSB_CUDA(cudaEventRecord(b, stream));
        FSB_CUDA(cudaEventSynchronize(b));
        float ms = 0;
        FSB_CUDA(cudaEventElapsedTime(&ms, a, b));
        us.push_back(ms * 1000.0 / repeats);
    }
    FSB_CUDA(cudaEventDestroy(a));
    FSB_CUDA(cudaEventDestroy(b));
    return summarise(us, repeats);
}

// ---- devices and identity -------------------------------------------------------------------

int deviceCount();  // dies with EXIT_NO_GPU when there is no usable device
size_t freeDeviceBytes(int device);
int smCount(int device);
int l2Bytes(int device);
int computeCapability(int device);  // 10 * major + minor

// The identity line every benchmark output starts with (identity.cu).
void emitIdentity(const std::string& benchmark, const Options& opt);

// Standard lines: how many points are planned, a point that could not be measured, the end.
void emitPlan(const std::string& benchmark, int points);
void emitSkipped(const std::string& benchmark, const std::string& what, const std::string& reason);
void emitEnd(const std::string& benchmark, const std::string& status, int points, double wallS);

// ---- sub-commands ---------------------------------------------------------------------------

int runGemm(const Options& opt);
int runGemmDevices(const Options& opt);  // the same few GEMMs on every GPU of the node
int runAttention(const Options& opt);
int runMemory(const Options& opt);
int runHostCopy(const Options& opt);
int runP2p(const Options& opt);
int runLaunch(const Options& opt);
int runNccl(const Options& opt);
int runNcclId(const Options& opt);

// Sizes from lo to hi (bytes), multiplying by factor.
std::vector<long long> geometric(long long lo, long long hi, long long factor);

}  // namespace fsb
