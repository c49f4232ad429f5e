// fleetsim-bench: the calibration microbenchmarks as one program with sub-commands.
//
//   fleetsim-bench identity                         the device identity line only
//   fleetsim-bench gemm --dtype bf16 [--quick]      cuBLASLt GEMM over a grid of shapes
//   fleetsim-bench gemm-devices [--dtype bf16]      a few large GEMMs on every GPU (the spread between GPUs)
//   fleetsim-bench attention [--quick]              cuDNN fused SDPA, else an unfused reference
//   fleetsim-bench memory [--quick]                 device copy / read / write / triad, 1 MiB..4 GiB
//   fleetsim-bench hostcopy [--quick]               host<->device, pinned and pageable
//   fleetsim-bench p2p [--quick]                    peer-to-peer bandwidth and latency, every pair
//   fleetsim-bench launch                           kernel launch latency
//   fleetsim-bench nccl [--quick] [--ops a,b]       NCCL collectives over all local GPUs
//   fleetsim-bench nccl --multi-process ...         one process per GPU (MPI, Slurm or --rank/--nranks)
//   fleetsim-bench nccl-id                          prints a fresh NCCL unique id (hex)
//
// Common options: --device N, --warmup N, --samples N, --budget-s S, --max-bytes B.
#include "dynlib.h"
#include "fsbench.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace fsb {

void die(int code, const char* fmt, ...) {
    std::fflush(stdout);
    std::fprintf(stderr, "fleetsim-bench: ");
    va_list ap;
    va_start(ap, fmt);
    std::vfprintf(stderr, fmt, ap);
    va_end(ap);
    std::fprintf(stderr, "\n");
    std::exit(code);
}

void warn(const char* fmt, ...) {
    std::fprintf(stderr, "fleetsim-bench: ");
    va_list ap;
    va_start(ap, fmt);
    std::vfprintf(stderr, fmt, ap);
    va_end(ap);
    std::fprintf(stderr, "\n");
}

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += (char)c;
                }
        }
    }
    return out + "\"";
}

void Json::key(const char* k) {
    if (!body_.empty()) body_ += ",";
    body_ += quote(k) + ":";
}

Json& Json::str(const char* k, const std::string& v) {
    key(k);
    body_ += quote(v);
    return *this;
}

Json& Json::num(const char* k, double v) {
    key(k);
    if (!std::isfinite(v)) {
        body_ += "null";
    } else {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.9g", v);
        body_ += buf;
    }
    return *this;
}

Json& Json::integer(const char* k, long long v) {
    key(k);
    body_ += std::to_string(v);
    return *this;
}

Json& Json::boolean(const char* k, bool v) {
    key(k);
    body_ += v ? "true" : "false";
    return *this;
}

Json& Json::raw(const char* k, const std::string& json) {
    key(k);
    body_ += json;
    return *this;
}

Json& Json::timing(const Timing& t) {
    return num("timeUs", t.medianUs).num("minUs", t.minUs).integer("samples", t.samples).integer("repeats", t.repeats);
}

void Json::emit() const {
    std::fputs(text().c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

double nowS() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

Timing summarise(std::vector<double> us, int repeats) {
    Timing t;
    t.repeats = repeats;
    t.samples = (int)us.size();
    if (us.empty()) return t;
    std::sort(us.begin(), us.end());
    size_t n = us.size();
    t.medianUs = n % 2 == 1 ? us[n / 2] : 0.5 * (us[n / 2 - 1] + us[n / 2]);
    t.minUs = us[0];
    return t;
}

std::vector<long long> geometric(long long lo, long long hi, long long factor) {
    std::vector<long long> v;
    for (long long x = lo; x <= hi; x *= factor) v.push_back(x);
    return v;
}

int deviceCount() {
    int n = 0;
    cudaError_t e = cudaGetDeviceCount(&n);
    if (e != cudaSuccess) die(EXIT_NO_GPU, "no usable CUDA device: %s", cudaGetErrorString(e));
    if (n == 0) die(EXIT_NO_GPU, "no CUDA device is visible (check CUDA_VISIBLE_DEVICES)");
    return n;
}

size_t freeDeviceBytes(int device) {
    FSB_CUDA(cudaSetDevice(device));
    size_t freeB = 0, totalB = 0;
    FSB_CUDA(cudaMemGetInfo(&freeB, &totalB));
    return freeB;
}

int smCount(int device) {
    int v = 0;
    FSB_CUDA(cudaDeviceGetAttribute(&v, cudaDevAttrMultiProcessorCount, device));
    return v;
}

int l2Bytes(int device) {
    int v = 0;
    FSB_CUDA(cudaDeviceGetAttribute(&v, cudaDevAttrL2CacheSize, device));
    return v;
}

int computeCapability(int device) {
    int major = 0, minor = 0;
    FSB_CUDA(cudaDeviceGetAttribute(&major, cudaDevAttrComputeCapabilityMajor, device));
    FSB_CUDA(cudaDeviceGetAttribute(&minor, cudaDevAttrComputeCapabilityMinor, device));
    return 10 * major + minor;
}

void emitPlan(const std::string& benchmark, int points) {
    Json().str("kind", "plan").str("benchmark", benchmark).integer("points", points).emit();
}

void emitSkipped(const std::string& benchmark, const std::string& what, const std::string& reason) {
    warn("%s: skipped %s: %s", benchmark.c_str(), what.c_str(), reason.c_str());
    Json().str("kind", "skipped").str("benchmark", benchmark).str("what", what).str("reason", reason).emit();
}

void emitEnd(const std::string& benchmark, const std::string& status, int points, double wallS) {
    Json()
        .str("kind", "end")
        .str("format", FSB_FORMAT)
        .str("benchmark", benchmark)
        .str("status", status)
        .integer("points", points)
        .num("wallS", wallS)
        .emit();
}

Options parseOptions(int argc, char** argv, int first) {
    Options o;
    auto value = [&](int& i) -> std::string {
        if (i + 1 >= argc) die(EXIT_USAGE, "option %s needs a value", argv[i]);
        return argv[++i];
    };
    auto toInt = [&](const std::string& s, const char* name) -> long long {
        char* end = nullptr;
        long long v = std::strtoll(s.c_str(), &end, 10);
        if (end == s.c_str() || *end != '\0') die(EXIT_USAGE, "%s: expected an integer, found \"%s\"", name, s.c_str());
        return v;
    };
    for (int i = first; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--quick") o.quick = true;
        else if (a == "--device") o.device = (int)toInt(value(i), "--device");
        else if (a == "--warmup") o.warmup = (int)toInt(value(i), "--warmup");
        else if (a == "--samples") o.samples = (int)toInt(value(i), "--samples");
        else if (a == "--budget-s") o.budgetS = std::atof(value(i).c_str());
        else if (a == "--dtype") o.dtype = value(i);
        else if (a == "--ops") o.ops = value(i);
        else if (a == "--id-file") o.idFile = value(i);
        else if (a == "--multi-process") o.multiProcess = true;
        else if (a == "--rank") o.rank = (int)toInt(value(i), "--rank");
        else if (a == "--nranks") o.nranks = (int)toInt(value(i), "--nranks");
        else if (a == "--local-rank") o.localRank = (int)toInt(value(i), "--local-rank");
        else if (a == "--max-bytes") o.maxBytes = toInt(value(i), "--max-bytes");
        else die(EXIT_USAGE, "unknown option %s (see fleetsim-bench --help)", a.c_str());
    }
    if (o.samples < 3) die(EXIT_USAGE, "--samples must be at least 3 (the median needs a few), found %d", o.samples);
    if (o.warmup < 0) die(EXIT_USAGE, "--warmup must be 0 or more, found %d", o.warmup);
    return o;
}

}  // namespace fsb

static void usage() {
    std::printf(
        "usage: fleetsim-bench COMMAND [options]\n"
        "commands: identity, gemm --dtype fp32|tf32|bf16|fp16|fp8, gemm-devices, attention, memory, hostcopy, p2p,\n"
        "          launch, nccl [--ops allReduce,allGather,reduceScatter,allToAll,sendRecv]\n"
        "          [--multi-process [--id-file PATH] [--rank R --nranks N --local-rank L]], nccl-id\n"
        "options:  --quick  --device N  --warmup N  --samples N  --budget-s S  --max-bytes B\n"
        "Output: JSON lines (format " FSB_FORMAT ") on stdout; messages on stderr.\n");
}

int main(int argc, char** argv) {
    using namespace fsb;
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        usage();
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    std::string cmd = argv[1];
    Options opt = parseOptions(argc, argv, 2);
    if (cmd == "nccl-id") return runNcclId(opt);
    if (cmd == "identity") {
        deviceCount();
        emitIdentity("identity", opt);
        return EXIT_OK;
    }
    if (cmd == "gemm") return runGemm(opt);
    if (cmd == "gemm-devices") return runGemmDevices(opt);
    if (cmd == "attention") return runAttention(opt);
    if (cmd == "memory") return runMemory(opt);
    if (cmd == "hostcopy") return runHostCopy(opt);
    if (cmd == "p2p") return runP2p(opt);
    if (cmd == "launch") return runLaunch(opt);
    if (cmd == "nccl") return runNccl(opt);
    usage();
    die(EXIT_USAGE, "unknown command %s", cmd.c_str());
}
