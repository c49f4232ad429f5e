// NCCL collectives over sizes with nccl-tests' definitions of size, algbw and busbw
// (NVIDIA/nccl-tests doc/PERFORMANCE.md): out-of-place, float, sum.
//   allReduce     size = count * 4                  busbw = algbw * 2(n-1)/n
//   allGather     size = n * sendcount * 4           busbw = algbw * (n-1)/n
//   reduceScatter size = n * recvcount * 4           busbw = algbw * (n-1)/n
//   allToAll      size = n * per-peer count * 4      busbw = algbw * (n-1)/n
//   sendRecv      size = count * 4 (ring shift)      busbw = algbw
// Time per operation: host clock over a batch of back-to-back iterations after a barrier
// (as nccl-tests times them), median of several batches, averaged over ranks.
//
// Intra-node: one process drives every visible GPU through ncclCommInitAll.
// Across nodes (--multi-process): one process per GPU, launched by mpirun/srun or by hand; the
// rank comes from the launcher's environment (Open MPI, MPICH/PMI, PMIx, Slurm) or --rank /
// --nranks / --local-rank, the NCCL unique id from FLEETSIM_NCCL_ID (hex, made with
// `fleetsim-bench nccl-id`) or from --id-file on a shared file system (rank 0 writes it).
#include "dynlib.h"
#include "fsbench.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fsb {
namespace {

constexpr long long MiB = 1LL << 20;
const char* OPS[] = {"allReduce", "allGather", "reduceScatter", "allToAll", "sendRecv"};

struct Sizes {
    long long bytes;      // the nccl-tests "size" column
    size_t count;         // the count argument of the call
};

// Counts per rank for an operation and a requested size; count 0 means the size is too small.
Sizes sizesFor(const std::string& op, long long requested, int n) {
    size_t elems = (size_t)(requested / 4);
    if (op == "allReduce" || op == "sendRecv") return {(long long)elems * 4, elems};
    size_t per = elems / n;  // allGather sendcount, reduceScatter recvcount, allToAll per-peer count
    return {(long long)per * n * 4, per};
}

double busFactor(const std::string& op, int n) {
    if (op == "allReduce") return 2.0 * (n - 1) / n;
    if (op == "sendRecv") return 1.0;
    return (double)(n - 1) / n;
}

std::string envOr(std::initializer_list<const char*> names) {
    for (const char* n : names) {
        const char* v = std::getenv(n);
        if (v != nullptr && *v != '\0') return v;
    }
    return "";
}

void check(const nccl::Api& api, nccl::Result r, const char* what) {
    if (r != 0) die(EXIT_FAILED, "%s failed: %s", what, api.getErrorString(r));
}

std::string toHex(const nccl::UniqueId& id) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < nccl::UNIQUE_ID_BYTES; ++i) {
        unsigned char c = (unsigned char)id.internal[i];
        s += digits[c >> 4];
        s += digits[c & 15];
    }
    return s;
}

bool fromHex(const std::string& s, nccl::UniqueId& id) {
    if ((int)s.size() != 2 * nccl::UNIQUE_ID_BYTES) return false;
    for (int i = 0; i < nccl::UNIQUE_ID_BYTES; ++i) {
        unsigned v = 0;
        if (std::sscanf(s.c_str() + 2 * i, "%2x", &v) != 1) return false;
        id.internal[i] = (char)v;
    }
    return true;
}

// One participant's view: the communicators and devices this process drives.
struct Group {
    const nccl::Api* api;
    std::vector<nccl::Comm> comms;
    std::vector<int> devices;
    std::vector<int> ranks;      // global rank of each local communicator
    std::vector<cudaStream_t> streams;
    std::vector<char*> send, recv;
    int nranks = 0;
    bool multiProcess = false;
};

void launch(Group& g, const std::string& op, const Sizes& sz) {
    const nccl::Api& a = *g.api;
    check(a, a.groupStart(), "ncclGroupStart");
    for (size_t i = 0; i < g.comms.size(); ++i) {
        int r = g.ranks[i], n = g.nranks;
        void* s = g.send[i];
        void* d = g.recv[i];
        nccl::Comm c = g.comms[i];
        cudaStream_t st = g.streams[i];
        if (op == "allReduce") check(a, a.allReduce(s, d, sz.count, nccl::FLOAT32, nccl::SUM, c, st), "ncclAllReduce");
        else if (op == "allGather") check(a, a.allGather(s, d, sz.count, nccl::FLOAT32, c, st), "ncclAllGather");
        else if (op == "reduceScatter") check(a, a.reduceScatter(s, d, sz.count, nccl::FLOAT32, nccl::SUM, c, st), "ncclReduceScatter");
        else if (op == "allToAll") {
            size_t chunk = sz.count * 4;
            for (int p = 0; p < n; ++p) {
                check(a, a.send((char*)s + p * chunk, sz.count, nccl::FLOAT32, p, c, st), "ncclSend");
                check(a, a.recv((char*)d + p * chunk, sz.count, nccl::FLOAT32, p, c, st), "ncclRecv");
            }
        } else {  // sendRecv: ring shift
            check(a, a.send(s, sz.count, nccl::FLOAT32, (r + 1) % n, c, st), "ncclSend");
            check(a, a.recv(d, sz.count, nccl::FLOAT32, (r - 1 + n) % n, c, st), "ncclRecv");
        }
    }
    check(a, a.groupEnd(), "ncclGroupEnd");
}

void syncAll(Group& g) {
    for (size_t i = 0; i < g.streams.size(); ++i) {
        FSB_CUDA(cudaSetDevice(g.devices[i]));
        FSB_CUDA(cudaStreamSynchronize(g.streams[i]));
    }
}

// Sum of one double over all ranks (a barrier too); in one process it is the value itself.
double sumOverRanks(Group& g, double v) {
    if (!g.multiProcess) return v;
    double* buf = nullptr;
    FSB_CUDA(cudaSetDevice(g.devices[0]));
    FSB_CUDA(cudaMalloc(&buf, sizeof(double)));
    FSB_CUDA(cudaMemcpy(buf, &v, sizeof v, cudaMemcpyHostToDevice));
    check(*g.api, g.api->allReduce(buf, buf, 1, nccl::FLOAT64, nccl::SUM, g.comms[0], g.streams[0]), "ncclAllReduce");
    FSB_CUDA(cudaStreamSynchronize(g.streams[0]));
    FSB_CUDA(cudaMemcpy(&v, buf, sizeof v, cudaMemcpyDeviceToHost));
    cudaFree(buf);
    return v;
}

// The mean over ranks of each rank's value (nccl-tests averages the time the same way).
double averageOverRanks(Group& g, double v) {
    return g.multiProcess ? sumOverRanks(g, v) / g.nranks : v;
}

// Seconds per operation: warm-up, then batches of back-to-back iterations.
double timeOp(Group& g, const std::string& op, const Sizes& sz, const Options& opt) {
    for (int i = 0; i < std::max(1, opt.warmup); ++i) launch(g, op, sz);
    syncAll(g);
    double t0 = nowS();
    launch(g, op, sz);
    syncAll(g);
    double one = averageOverRanks(g, nowS() - t0);
    int iters = std::max(1, std::min(opt.samples, (int)(0.01 / std::max(one, 1e-7))));  // a batch lasts ~10 ms
    int batches = std::max(3, opt.samples / 4);
    std::vector<double> perOp;
    for (int b = 0; b < batches; ++b) {
        sumOverRanks(g, 0.0);  // barrier
        double start = nowS();
        for (int i = 0; i < iters; ++i) launch(g, op, sz);
        syncAll(g);
        perOp.push_back(averageOverRanks(g, (nowS() - start) / iters));
    }
    std::sort(perOp.begin(), perOp.end());
    return perOp[perOp.size() / 2];
}

std::vector<std::string> selectedOps(const Options& opt) {
    std::vector<std::string> out;
    if (opt.ops.empty()) {
        for (const char* o : OPS) out.push_back(o);
        return out;
    }
    std::stringstream ss(opt.ops);
    std::string item;
    while (std::getline(ss, item, ',')) {
        bool known = false;
        for (const char* o : OPS) known = known || item == o;
        if (!known) die(EXIT_USAGE, "nccl: unknown operation \"%s\" in --ops; expected allReduce, allGather, reduceScatter, allToAll, sendRecv", item.c_str());
        out.push_back(item);
    }
    return out;
}

// The unique id of a multi-process run: FLEETSIM_NCCL_ID, or the --id-file rank 0 writes.
nccl::UniqueId uniqueId(const nccl::Api& api, const Options& opt, int rank) {
    nccl::UniqueId id{};
    std::string hex = envOr({"FLEETSIM_NCCL_ID"});
    if (!hex.empty()) {
        if (!fromHex(hex, id)) die(EXIT_USAGE, "FLEETSIM_NCCL_ID must be the %d hex digits `fleetsim-bench nccl-id` prints", 2 * nccl::UNIQUE_ID_BYTES);
        return id;
    }
    if (opt.idFile.empty()) die(EXIT_USAGE, "nccl --multi-process needs the NCCL unique id: set FLEETSIM_NCCL_ID (from `fleetsim-bench nccl-id`) on every rank, or give --id-file PATH on a shared file system");
    if (rank == 0) {
        check(api, api.getUniqueId(&id), "ncclGetUniqueId");
        std::string tmp = opt.idFile + ".tmp." + std::to_string(getpid());
        {
            std::ofstream out(tmp);
            out << toHex(id) << "\n";
            if (!out) die(EXIT_FAILED, "cannot write the NCCL id file %s", tmp.c_str());
        }
        if (std::rename(tmp.c_str(), opt.idFile.c_str()) != 0) die(EXIT_FAILED, "cannot move the NCCL id file into place at %s", opt.idFile.c_str());
        return id;
    }
    double start = nowS();
    while (nowS() - start < 300) {
        std::ifstream in(opt.idFile);
        std::string line;
        if (in && std::getline(in, line) && fromHex(line, id)) return id;
        usleep(200000);
    }
    die(EXIT_FAILED, "rank %d waited 300 s for the NCCL id file %s (rank 0 writes it; is the path on a shared file system?)", rank, opt.idFile.c_str());
}

}  // namespace

int runNcclId(const Options&) {
    const DynLib* lib = nullptr;
    const nccl::Api* api = ncclLib(&lib);
    if (api == nullptr) die(EXIT_FAILED, "%s", lib->error.c_str());
    nccl::UniqueId id{};
    check(*api, api->getUniqueId(&id), "ncclGetUniqueId");
    std::printf("%s\n", toHex(id).c_str());
    return EXIT_OK;
}

int runNccl(const Options& opt) {
    const std::string bench = opt.multiProcess ? "nccl-multi" : "nccl";
    std::vector<std::string> ops = selectedOps(opt);
    Group g;
    g.multiProcess = opt.multiProcess;
    int rank = 0;
    int nodes = 1;
    if (opt.multiProcess) {
        std::string r = opt.rank >= 0 ? std::to_string(opt.rank) : envOr({"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK", "SLURM_PROCID"});
        std::string n = opt.nranks >= 0 ? std::to_string(opt.nranks) : envOr({"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_NTASKS"});
        std::string l = opt.localRank >= 0 ? std::to_string(opt.localRank) : envOr({"OMPI_COMM_WORLD_LOCAL_RANK", "MPI_LOCALRANKID", "SLURM_LOCALID"});
        if (r.empty() || n.empty()) die(EXIT_USAGE, "nccl --multi-process: no rank found; launch with mpirun or srun, or give --rank R --nranks N --local-rank L");
        rank = std::atoi(r.c_str());
        g.nranks = std::atoi(n.c_str());
        int local = l.empty() ? 0 : std::atoi(l.c_str());
        int visible = deviceCount();
        if (local >= visible) die(EXIT_USAGE, "local rank %d has no GPU (%d visible on this node)", local, visible);
        if (g.nranks < 2) die(EXIT_USAGE, "nccl --multi-process needs at least 2 ranks, found %d", g.nranks);
        g.devices = {local};
        g.ranks = {rank};
    } else {
        g.nranks = deviceCount();
        for (int d = 0; d < g.nranks; ++d) {
            g.devices.push_back(d);
            g.ranks.push_back(d);
        }
    }
    FSB_CUDA(cudaSetDevice(g.devices[0]));
    bool writer = rank == 0;
    if (writer) emitIdentity(bench, opt);
    double start = nowS();
    const DynLib* lib = nullptr;
    g.api = ncclLib(&lib);
    if (g.api == nullptr) {
        if (writer) {
            emitSkipped(bench, "all collectives", lib->error);
            emitEnd(bench, "skipped", 0, nowS() - start);
        }
        return EXIT_OK;
    }
    if (!opt.multiProcess && g.nranks < 2) {
        emitSkipped(bench, "all collectives", "intra-node collectives need at least 2 GPUs; 1 visible");
        emitEnd(bench, "skipped", 0, nowS() - start);
        return EXIT_OK;
    }
    g.comms.resize(g.devices.size());
    if (opt.multiProcess) {
        nccl::UniqueId id = uniqueId(*g.api, opt, rank);
        check(*g.api, g.api->commInitRank(&g.comms[0], g.nranks, id, rank), "ncclCommInitRank");
    } else {
        check(*g.api, g.api->commInitAll(g.comms.data(), g.nranks, g.devices.data()), "ncclCommInitAll");
    }
    long long hi = opt.maxBytes > 0 ? opt.maxBytes : (opt.quick ? 1024 * MiB : 4096 * MiB);
    std::vector<long long> requested = opt.quick ? geometric(8, hi, 4) : geometric(8, hi, 2);
    if (opt.quick && requested.back() != hi) requested.push_back(hi);
    g.streams.resize(g.devices.size());
    g.send.resize(g.devices.size());
    g.recv.resize(g.devices.size());
    for (size_t i = 0; i < g.devices.size(); ++i) {
        FSB_CUDA(cudaSetDevice(g.devices[i]));
        FSB_CUDA(cudaStreamCreateWithFlags(&g.streams[i], cudaStreamNonBlocking));
        FSB_CUDA(cudaMalloc(&g.send[i], hi));
        FSB_CUDA(cudaMalloc(&g.recv[i], hi));
        FSB_CUDA(cudaMemset(g.send[i], 0, hi));
    }
    if (opt.multiProcess) {
        // nodes: distinct host names over the ranks, gathered through NCCL itself
        char host[256] = {0};
        gethostname(host, sizeof host - 1);
        unsigned long long hash = 1469598103934665603ULL;
        for (const char* p = host; *p; ++p) hash = (hash ^ (unsigned char)*p) * 1099511628211ULL;
        unsigned long long* buf = nullptr;
        FSB_CUDA(cudaMalloc(&buf, sizeof(unsigned long long) * (g.nranks + 1)));
        FSB_CUDA(cudaMemcpy(buf, &hash, sizeof hash, cudaMemcpyHostToDevice));
        check(*g.api, g.api->allGather(buf, buf + 1, 1, nccl::UINT64, g.comms[0], g.streams[0]), "ncclAllGather");
        FSB_CUDA(cudaStreamSynchronize(g.streams[0]));
        std::vector<unsigned long long> all(g.nranks);
        FSB_CUDA(cudaMemcpy(all.data(), buf + 1, sizeof(unsigned long long) * g.nranks, cudaMemcpyDeviceToHost));
        cudaFree(buf);
        nodes = (int)std::set<unsigned long long>(all.begin(), all.end()).size();
    }
    std::string scope = nodes > 1 ? "interNode" : "intraNode";
    if (writer) emitPlan(bench, (int)(ops.size() * requested.size()));
    Budget budget(opt.budgetS);
    int points = 0;
    bool truncated = false;
    for (const std::string& op : ops) {
        for (long long req : requested) {
            // every rank must take the same decision, so the budget is rank 0's
            double stop = sumOverRanks(g, writer && budget.exhausted() ? 1.0 : 0.0);
            if (stop > 0) {
                truncated = true;
                break;
            }
            Sizes sz = sizesFor(op, req, g.nranks);
            if (sz.count == 0) continue;
            double sec = timeOp(g, op, sz, opt);
            double algbw = sz.bytes / sec / 1e9;
            if (writer) {
                Json()
                    .str("kind", "nccl")
                    .str("op", op)
                    .str("scope", scope)
                    .integer("ranks", g.nranks)
                    .integer("nodes", nodes)
                    .str("dtype", "float")
                    .str("redop", op == "allReduce" || op == "reduceScatter" ? "sum" : "none")
                    .integer("bytes", sz.bytes)
                    .integer("count", (long long)sz.count)
                    .num("timeUs", sec * 1e6)
                    .num("algbwGBps", algbw)
                    .num("busbwGBps", algbw * busFactor(op, g.nranks))
                    .emit();
            }
            ++points;
        }
        if (truncated) break;
    }
    for (size_t i = 0; i < g.devices.size(); ++i) {
        cudaSetDevice(g.devices[i]);
        cudaFree(g.send[i]);
        cudaFree(g.recv[i]);
        cudaStreamDestroy(g.streams[i]);
        g.api->commDestroy(g.comms[i]);
    }
    if (writer) emitEnd(bench, truncated ? "truncated" : "ok", points, nowS() - start);
    return EXIT_OK;
}

}  // namespace fsb
