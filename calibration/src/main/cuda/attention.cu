// Attention forward over sequence length x head dim x batch, bf16, non-causal:
//  - "cudnn-sdpa": cuDNN's fused flash attention, built through the backend graph API as the
//    pattern cudnn-frontend lowers SDPA to (bmm1 -> scale -> max/sub/exp/sum/div -> bmm2);
//  - "unfused": the reference an eager framework runs, two strided-batched cuBLASLt GEMMs and
//    a row softmax kernel, with the full score matrix in HBM.
// FLOPs counted as 4 * batch * heads * seq^2 * headDim (the two matmuls).
#include "dynlib.h"
#include "fsbench.h"

#include <cuda_bf16.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace fsb {
namespace {

struct Problem {
    long long batch, heads, seq, headDim;
    double flops() const { return 4.0 * batch * heads * (double)seq * seq * headDim; }
};

std::vector<Problem> grid(bool quick) {
    std::vector<Problem> v;
    std::vector<long long> seqs = quick ? std::vector<long long>{1024, 4096, 16384}
                                        : std::vector<long long>{512, 1024, 2048, 4096, 8192, 16384};
    std::vector<long long> dims = quick ? std::vector<long long>{64, 128} : std::vector<long long>{64, 128, 256};
    const long long tokens = 16384;  // batch x seq held constant: the same work per point
    const long long width = 2048;    // heads x headDim: one tensor-parallel shard of a large model
    for (long long d : dims) {
        for (long long s : seqs) {
            long long b = tokens / s > 0 ? tokens / s : 1;
            v.push_back({b, width / d, s, d});
            if (!quick && b > 1 && d == 128) v.push_back({1, width / d, s, d});  // batch dependence
        }
    }
    return v;
}

__global__ void fillBf16(__nv_bfloat16* p, size_t n, unsigned seed) {
    for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) {
        unsigned long long x = (i + 1) * 0x9E3779B97F4A7C15ULL + seed;
        x ^= x >> 31;
        x *= 0xbf58476d1ce4e5b9ULL;
        x ^= x >> 29;
        p[i] = __float2bfloat16((float)((x >> 40) & 0xFFFFFF) / 8388608.0f - 1.0f);
    }
}

// In-place softmax of each row of a bf16 matrix, fp32 arithmetic.
__global__ void softmaxRows(__nv_bfloat16* x, int len) {
    __shared__ float red[32];
    __nv_bfloat16* row = x + (size_t)blockIdx.x * len;
    float m = -INFINITY;
    for (int i = threadIdx.x; i < len; i += blockDim.x) m = fmaxf(m, __bfloat162float(row[i]));
    for (int o = 16; o > 0; o /= 2) m = fmaxf(m, __shfl_xor_sync(0xffffffff, m, o));
    if ((threadIdx.x & 31) == 0) red[threadIdx.x / 32] = m;
    __syncthreads();
    if (threadIdx.x < 32) {
        float v = threadIdx.x < blockDim.x / 32 ? red[threadIdx.x] : -INFINITY;
        for (int o = 16; o > 0; o /= 2) v = fmaxf(v, __shfl_xor_sync(0xffffffff, v, o));
        if (threadIdx.x == 0) red[0] = v;
    }
    __syncthreads();
    m = red[0];
    __syncthreads();
    float s = 0;
    for (int i = threadIdx.x; i < len; i += blockDim.x) s += __expf(__bfloat162float(row[i]) - m);
    for (int o = 16; o > 0; o /= 2) s += __shfl_xor_sync(0xffffffff, s, o);
    if ((threadIdx.x & 31) == 0) red[threadIdx.x / 32] = s;
    __syncthreads();
    if (threadIdx.x < 32) {
        float v = threadIdx.x < blockDim.x / 32 ? red[threadIdx.x] : 0.0f;
        for (int o = 16; o > 0; o /= 2) v += __shfl_xor_sync(0xffffffff, v, o);
        if (threadIdx.x == 0) red[0] = v;
    }
    __syncthreads();
    float inv = 1.0f / red[0];
    for (int i = threadIdx.x; i < len; i += blockDim.x) row[i] = __float2bfloat16(__expf(__bfloat162float(row[i]) - m) * inv);
}

// ---- cuDNN fused SDPA through the backend graph API -------------------------------------------

// Owns the descriptors of one graph; every call records the first failure with its step.
class CudnnGraph {
  public:
    explicit CudnnGraph(const dnn::Api& api) : a_(api) {}
    ~CudnnGraph() {
        for (auto it = owned_.rbegin(); it != owned_.rend(); ++it) a_.destroyDescriptor(*it);
    }
    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }

    dnn::Desc create(int type, const char* what) {
        dnn::Desc d = nullptr;
        if (!ok()) return nullptr;
        check(a_.createDescriptor(type, &d), what);
        if (d != nullptr) owned_.push_back(d);
        return d;
    }
    void set(dnn::Desc d, int name, int type, int64_t count, const void* v, const char* what) {
        if (ok()) check(a_.setAttribute(d, name, type, count, v), what);
    }
    void finalize(dnn::Desc d, const char* what) {
        if (ok()) check(a_.finalize(d), what);
    }
    void setDesc(dnn::Desc d, int name, dnn::Desc v, const char* what) { set(d, name, dnn::TYPE_BACKEND_DESCRIPTOR, 1, &v, what); }

    dnn::Desc tensor(int64_t uid, int32_t dtype, std::array<int64_t, 4> dims, std::array<int64_t, 4> strides, bool isVirtual,
                     bool byValue = false) {
        dnn::Desc t = create(dnn::TENSOR_DESCRIPTOR, "tensor");
        int64_t align = 16;
        set(t, dnn::ATTR_TENSOR_DATA_TYPE, dnn::TYPE_DATA_TYPE, 1, &dtype, "tensor data type");
        set(t, dnn::ATTR_TENSOR_DIMENSIONS, dnn::TYPE_INT64, 4, dims.data(), "tensor dims");
        set(t, dnn::ATTR_TENSOR_STRIDES, dnn::TYPE_INT64, 4, strides.data(), "tensor strides");
        set(t, dnn::ATTR_TENSOR_UNIQUE_ID, dnn::TYPE_INT64, 1, &uid, "tensor uid");
        set(t, dnn::ATTR_TENSOR_BYTE_ALIGNMENT, dnn::TYPE_INT64, 1, &align, "tensor alignment");
        set(t, dnn::ATTR_TENSOR_IS_VIRTUAL, dnn::TYPE_BOOLEAN, 1, &isVirtual, "tensor virtual flag");
        if (byValue) set(t, dnn::ATTR_TENSOR_IS_BY_VALUE, dnn::TYPE_BOOLEAN, 1, &byValue, "tensor by-value flag");
        finalize(t, "tensor");
        return t;
    }
    dnn::Desc matmul(dnn::Desc a, dnn::Desc b, dnn::Desc c) {
        dnn::Desc m = create(dnn::MATMUL_DESCRIPTOR, "matmul descriptor");
        int32_t comp = dnn::DATA_FLOAT;
        set(m, dnn::ATTR_MATMUL_COMP_TYPE, dnn::TYPE_DATA_TYPE, 1, &comp, "matmul compute type");
        finalize(m, "matmul descriptor");
        dnn::Desc op = create(dnn::OPERATION_MATMUL_DESCRIPTOR, "matmul operation");
        setDesc(op, dnn::ATTR_OPERATION_MATMUL_ADESC, a, "matmul A");
        setDesc(op, dnn::ATTR_OPERATION_MATMUL_BDESC, b, "matmul B");
        setDesc(op, dnn::ATTR_OPERATION_MATMUL_CDESC, c, "matmul C");
        setDesc(op, dnn::ATTR_OPERATION_MATMUL_DESC, m, "matmul descriptor");
        finalize(op, "matmul operation");
        return op;
    }
    dnn::Desc pointwise(int32_t mode, dnn::Desc x, dnn::Desc b, dnn::Desc y) {
        dnn::Desc p = create(dnn::POINTWISE_DESCRIPTOR, "pointwise descriptor");
        int32_t prec = dnn::DATA_FLOAT;
        set(p, dnn::ATTR_POINTWISE_MODE, dnn::TYPE_POINTWISE_MODE, 1, &mode, "pointwise mode");
        set(p, dnn::ATTR_POINTWISE_MATH_PREC, dnn::TYPE_DATA_TYPE, 1, &prec, "pointwise precision");
        finalize(p, "pointwise descriptor");
        dnn::Desc op = create(dnn::OPERATION_POINTWISE_DESCRIPTOR, "pointwise operation");
        setDesc(op, dnn::ATTR_OPERATION_POINTWISE_PW_DESCRIPTOR, p, "pointwise descriptor");
        setDesc(op, dnn::ATTR_OPERATION_POINTWISE_XDESC, x, "pointwise X");
        if (b != nullptr) setDesc(op, dnn::ATTR_OPERATION_POINTWISE_BDESC, b, "pointwise B");
        setDesc(op, dnn::ATTR_OPERATION_POINTWISE_YDESC, y, "pointwise Y");
        finalize(op, "pointwise operation");
        return op;
    }
    dnn::Desc reduction(int32_t mode, dnn::Desc x, dnn::Desc y) {
        dnn::Desc r = create(dnn::REDUCTION_DESCRIPTOR, "reduction descriptor");
        int32_t comp = dnn::DATA_FLOAT;
        set(r, dnn::ATTR_REDUCTION_OPERATOR, dnn::TYPE_REDUCTION_OPERATOR_TYPE, 1, &mode, "reduction operator");
        set(r, dnn::ATTR_REDUCTION_COMP_TYPE, dnn::TYPE_DATA_TYPE, 1, &comp, "reduction compute type");
        finalize(r, "reduction descriptor");
        dnn::Desc op = create(dnn::OPERATION_REDUCTION_DESCRIPTOR, "reduction operation");
        setDesc(op, dnn::ATTR_OPERATION_REDUCTION_XDESC, x, "reduction X");
        setDesc(op, dnn::ATTR_OPERATION_REDUCTION_YDESC, y, "reduction Y");
        setDesc(op, dnn::ATTR_OPERATION_REDUCTION_DESC, r, "reduction descriptor");
        finalize(op, "reduction operation");
        return op;
    }
    void check(dnn::Status s, const char* what) {
        if (s != 0 && error_.empty()) {
            error_ = std::string(what) + ": " + (a_.getErrorString ? a_.getErrorString(s) : "error") + " (" +
                     std::to_string(s) + ")";
        }
    }

  private:
    const dnn::Api& a_;
    std::vector<dnn::Desc> owned_;
    std::string error_;
};

enum : int64_t { UID_Q = 1, UID_K = 2, UID_V = 3, UID_O = 4, UID_SCALE = 5, UID_S = 101, UID_S2, UID_M, UID_SUB, UID_EXP, UID_Z, UID_P };

// Builds and times the fused SDPA graph; false with the reason when cuDNN cannot run it.
bool cudnnSdpa(const dnn::Api& api, dnn::Handle handle, const Problem& pr, void* q, void* k, void* v, void* o,
               cudaStream_t stream, const Options& opt, Timing& timing, long long& engine, std::string& why) {
    CudnnGraph g(api);
    const int64_t b = pr.batch, h = pr.heads, s = pr.seq, d = pr.headDim;
    const int32_t BF = dnn::DATA_BFLOAT16, F = dnn::DATA_FLOAT;
    dnn::Desc tq = g.tensor(UID_Q, BF, {b, h, s, d}, {h * s * d, s * d, d, 1}, false);
    dnn::Desc tk = g.tensor(UID_K, BF, {b, h, d, s}, {h * s * d, s * d, 1, d}, false);  // K as K^T
    dnn::Desc tv = g.tensor(UID_V, BF, {b, h, s, d}, {h * s * d, s * d, d, 1}, false);
    dnn::Desc to = g.tensor(UID_O, BF, {b, h, s, d}, {h * s * d, s * d, d, 1}, false);
    dnn::Desc tscale = g.tensor(UID_SCALE, F, {1, 1, 1, 1}, {1, 1, 1, 1}, false, true);
    std::array<int64_t, 4> sDims{b, h, s, s}, sStrides{h * s * s, s * s, s, 1};
    std::array<int64_t, 4> rDims{b, h, s, 1}, rStrides{h * s, s, 1, 1};
    dnn::Desc tS = g.tensor(UID_S, F, sDims, sStrides, true);
    dnn::Desc tS2 = g.tensor(UID_S2, F, sDims, sStrides, true);
    dnn::Desc tM = g.tensor(UID_M, F, rDims, rStrides, true);
    dnn::Desc tSub = g.tensor(UID_SUB, F, sDims, sStrides, true);
    dnn::Desc tExp = g.tensor(UID_EXP, F, sDims, sStrides, true);
    dnn::Desc tZ = g.tensor(UID_Z, F, rDims, rStrides, true);
    dnn::Desc tP = g.tensor(UID_P, BF, sDims, sStrides, true);  // bmm2 takes its A in the I/O type
    dnn::Desc ops[8] = {
        g.matmul(tq, tk, tS),
        g.pointwise(dnn::PW_MUL, tS, tscale, tS2),
        g.reduction(dnn::REDUCE_MAX, tS2, tM),
        g.pointwise(dnn::PW_SUB, tS2, tM, tSub),
        g.pointwise(dnn::PW_EXP, tSub, nullptr, tExp),
        g.reduction(dnn::REDUCE_ADD, tExp, tZ),
        g.pointwise(dnn::PW_DIV, tExp, tZ, tP),
        g.matmul(tP, tv, to),
    };
    dnn::Desc graph = g.create(dnn::OPERATIONGRAPH_DESCRIPTOR, "operation graph");
    g.set(graph, dnn::ATTR_OPERATIONGRAPH_HANDLE, dnn::TYPE_HANDLE, 1, &handle, "graph handle");
    g.set(graph, dnn::ATTR_OPERATIONGRAPH_OPS, dnn::TYPE_BACKEND_DESCRIPTOR, 8, ops, "graph operations");
    g.finalize(graph, "operation graph");
    dnn::Desc heur = g.create(dnn::ENGINEHEUR_DESCRIPTOR, "engine heuristics");
    int32_t mode = dnn::HEUR_MODE_A;
    g.setDesc(heur, dnn::ATTR_ENGINEHEUR_OPERATION_GRAPH, graph, "heuristics graph");
    g.set(heur, dnn::ATTR_ENGINEHEUR_MODE, dnn::TYPE_HEUR_MODE, 1, &mode, "heuristics mode");
    g.finalize(heur, "engine heuristics");
    int64_t count = 0;
    if (g.ok()) g.check(api.getAttribute(heur, dnn::ATTR_ENGINEHEUR_RESULTS, dnn::TYPE_BACKEND_DESCRIPTOR, 0, &count, nullptr), "heuristics count");
    if (g.ok() && count == 0) {
        why = "no cuDNN engine supports the fused SDPA graph on this GPU";
        return false;
    }
    std::vector<dnn::Desc> cfgs;
    for (int64_t i = 0; i < count && g.ok(); ++i) cfgs.push_back(g.create(dnn::ENGINECFG_DESCRIPTOR, "engine config"));
    int64_t returned = 0;
    if (g.ok()) g.check(api.getAttribute(heur, dnn::ATTR_ENGINEHEUR_RESULTS, dnn::TYPE_BACKEND_DESCRIPTOR, count, &returned, cfgs.data()), "heuristics results");
    if (!g.ok()) {
        why = g.error();
        return false;
    }
    dnn::Desc plan = nullptr;
    std::string planError;
    for (int64_t i = 0; i < returned && plan == nullptr; ++i) {
        dnn::Desc p = nullptr;
        if (api.createDescriptor(dnn::EXECUTION_PLAN_DESCRIPTOR, &p) != 0) continue;
        dnn::Status st = api.setAttribute(p, dnn::ATTR_EXECUTION_PLAN_HANDLE, dnn::TYPE_HANDLE, 1, &handle);
        if (st == 0) st = api.setAttribute(p, dnn::ATTR_EXECUTION_PLAN_ENGINE_CONFIG, dnn::TYPE_BACKEND_DESCRIPTOR, 1, &cfgs[i]);
        if (st == 0) st = api.finalize(p);
        if (st == 0) {
            plan = p;
            dnn::Desc eng = nullptr;
            if (api.createDescriptor(dnn::ENGINE_DESCRIPTOR, &eng) == 0) {
                int64_t n = 0;
                if (api.getAttribute(cfgs[i], dnn::ATTR_ENGINECFG_ENGINE, dnn::TYPE_BACKEND_DESCRIPTOR, 1, &n, &eng) == 0)
                    api.getAttribute(eng, dnn::ATTR_ENGINE_GLOBAL_INDEX, dnn::TYPE_INT64, 1, &n, &engine);
                api.destroyDescriptor(eng);
            }
        } else {
            planError = api.getErrorString ? api.getErrorString(st) : "error";
            api.destroyDescriptor(p);
        }
    }
    if (plan == nullptr) {
        why = "no cuDNN execution plan for the fused SDPA graph finalised (" + planError + ")";
        return false;
    }
    int64_t wsBytes = 0, n = 0;
    api.getAttribute(plan, dnn::ATTR_EXECUTION_PLAN_WORKSPACE_SIZE, dnn::TYPE_INT64, 1, &n, &wsBytes);
    void* ws = nullptr;
    bool ok = false;
    if (wsBytes > 0 && cudaMalloc(&ws, wsBytes) != cudaSuccess) {
        cudaGetLastError();
        why = "cannot allocate the cuDNN workspace of " + std::to_string(wsBytes >> 20) + " MiB";
    } else {
        float scale = 1.0f / std::sqrt((float)d);
        int64_t uids[5] = {UID_Q, UID_K, UID_V, UID_O, UID_SCALE};
        void* ptrs[5] = {q, k, v, o, &scale};
        dnn::Desc pack = g.create(dnn::VARIANT_PACK_DESCRIPTOR, "variant pack");
        g.set(pack, dnn::ATTR_VARIANT_PACK_UNIQUE_IDS, dnn::TYPE_INT64, 5, uids, "variant pack uids");
        g.set(pack, dnn::ATTR_VARIANT_PACK_DATA_POINTERS, dnn::TYPE_VOID_PTR, 5, ptrs, "variant pack pointers");
        g.set(pack, dnn::ATTR_VARIANT_PACK_WORKSPACE, dnn::TYPE_VOID_PTR, 1, &ws, "variant pack workspace");
        g.finalize(pack, "variant pack");
        api.setStream(handle, stream);
        dnn::Status runStatus = 0;
        if (g.ok()) {
            timing = timeOnStream(stream, opt.warmup, opt.samples, 0, 2000.0, [&](int) {
                dnn::Status r = api.execute(handle, plan, pack);
                if (r != 0) runStatus = r;
            });
        }
        if (!g.ok()) why = g.error();
        else if (runStatus != 0) why = std::string("cudnnBackendExecute failed: ") + api.getErrorString(runStatus);
        else ok = true;
    }
    if (ws != nullptr) cudaFree(ws);
    api.destroyDescriptor(plan);
    return ok;
}

// ---- unfused reference ----------------------------------------------------------------------

lt::MatrixLayout batchedLayout(const lt::Api& api, cudaDataType_t t, long long rows, long long cols, long long ld,
                               int batch, long long stride) {
    lt::MatrixLayout l = nullptr;
    if (api.matrixLayoutCreate(&l, t, rows, cols, ld) != 0) return nullptr;
    api.matrixLayoutSetAttribute(l, lt::LAYOUT_BATCH_COUNT, &batch, sizeof batch);
    api.matrixLayoutSetAttribute(l, lt::LAYOUT_STRIDED_BATCH_OFFSET, &stride, sizeof stride);
    return l;
}

// S = Q K^T / sqrt(d) (column-major: S^T = K^T' Q' as s x s), softmax over keys, O = P V.
bool unfused(const lt::Api& api, lt::Handle handle, const Problem& pr, void* q, void* k, void* v, void* o,
             __nv_bfloat16* scores, void* workspace, size_t wsBytes, cudaStream_t stream, const Options& opt,
             Timing& timing, std::string& why) {
    const long long s = pr.seq, d = pr.headDim;
    const int batch = (int)(pr.batch * pr.heads);
    lt::MatmulDesc d1 = nullptr, d2 = nullptr;
    api.matmulDescCreate(&d1, lt::COMPUTE_32F, CUDA_R_32F);
    api.matmulDescCreate(&d2, lt::COMPUTE_32F, CUDA_R_32F);
    int opT = lt::OP_T, opN = lt::OP_N;
    api.matmulDescSetAttribute(d1, lt::DESC_TRANSA, &opT, sizeof opT);
    api.matmulDescSetAttribute(d1, lt::DESC_TRANSB, &opN, sizeof opN);
    api.matmulDescSetAttribute(d2, lt::DESC_TRANSA, &opN, sizeof opN);
    api.matmulDescSetAttribute(d2, lt::DESC_TRANSB, &opN, sizeof opN);
    lt::MatrixLayout aK = batchedLayout(api, CUDA_R_16BF, d, s, d, batch, s * d);
    lt::MatrixLayout bQ = batchedLayout(api, CUDA_R_16BF, d, s, d, batch, s * d);
    lt::MatrixLayout cS = batchedLayout(api, CUDA_R_16BF, s, s, s, batch, s * s);
    lt::MatrixLayout aV = batchedLayout(api, CUDA_R_16BF, d, s, d, batch, s * d);
    lt::MatrixLayout cO = batchedLayout(api, CUDA_R_16BF, d, s, d, batch, s * d);
    lt::Preference pref = nullptr;
    api.preferenceCreate(&pref);
    api.preferenceSetAttribute(pref, lt::PREF_MAX_WORKSPACE_BYTES, &wsBytes, sizeof wsBytes);
    lt::HeuristicResult h1{}, h2{};
    int r1 = 0, r2 = 0;
    bool ok = aK && bQ && cS && aV && cO;
    if (ok) ok = api.algoGetHeuristic(handle, d1, aK, bQ, cS, cS, pref, 1, &h1, &r1) == 0 && r1 > 0;
    if (ok) ok = api.algoGetHeuristic(handle, d2, aV, cS, cO, cO, pref, 1, &h2, &r2) == 0 && r2 > 0;
    if (!ok) {
        why = "cuBLASLt has no batched algorithm for this attention shape";
    } else {
        float alpha1 = 1.0f / std::sqrt((float)d), alpha2 = 1.0f, beta = 0.0f;
        int threads = s >= 1024 ? 1024 : (int)((s + 31) / 32 * 32);
        lt::Status bad = 0;
        timing = timeOnStream(stream, opt.warmup, opt.samples, 0, 2000.0, [&](int) {
            lt::Status a = api.matmul(handle, d1, &alpha1, k, aK, q, bQ, &beta, scores, cS, scores, cS, &h1.algo,
                                      workspace, wsBytes, stream);
            softmaxRows<<<(unsigned)(batch * s), threads, 0, stream>>>(scores, (int)s);
            lt::Status b = api.matmul(handle, d2, &alpha2, v, aV, scores, cS, &beta, o, cO, o, cO, &h2.algo, workspace,
                                      wsBytes, stream);
            if (a != 0) bad = a;
            if (b != 0) bad = b;
        });
        FSB_CUDA(cudaGetLastError());
        if (bad != 0) {
            ok = false;
            why = "cublasLtMatmul failed (status " + std::to_string(bad) + ")";
        }
    }
    for (lt::MatrixLayout l : {aK, bQ, cS, aV, cO})
        if (l) api.matrixLayoutDestroy(l);
    api.preferenceDestroy(pref);
    api.matmulDescDestroy(d1);
    api.matmulDescDestroy(d2);
    return ok;
}

}  // namespace

int runAttention(const Options& opt) {
    const std::string bench = "attention";
    int device = opt.device < 0 ? 0 : opt.device;
    if (device >= deviceCount()) die(EXIT_USAGE, "attention: --device %d does not exist", device);
    FSB_CUDA(cudaSetDevice(device));
    emitIdentity(bench, opt);
    double start = nowS();
    const DynLib* dnnLib = nullptr;
    const DynLib* ltLib = nullptr;
    const dnn::Api* dnnApi = cudnn(&dnnLib);
    const lt::Api* ltApi = cublasLt(&ltLib);
    if (dnnApi == nullptr) emitSkipped(bench, "cudnn-sdpa", dnnLib->error);
    if (ltApi == nullptr) emitSkipped(bench, "unfused", ltLib->error);
    if (dnnApi == nullptr && ltApi == nullptr) {
        emitEnd(bench, "skipped", 0, nowS() - start);
        return EXIT_OK;
    }
    std::vector<Problem> problems = grid(opt.quick);
    emitPlan(bench, (int)problems.size() * ((dnnApi ? 1 : 0) + (ltApi ? 1 : 0)));
    cudaStream_t stream;
    FSB_CUDA(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
    dnn::Handle dh = nullptr;
    if (dnnApi != nullptr && dnnApi->create(&dh) != 0) {
        emitSkipped(bench, "cudnn-sdpa", "cudnnCreate failed (is cuDNN built for this CUDA and driver?)");
        dnnApi = nullptr;
    }
    lt::Handle lh = nullptr;
    if (ltApi != nullptr && ltApi->create(&lh) != 0) die(EXIT_FAILED, "cublasLtCreate failed");
    const size_t wsBytes = 32u << 20;
    void* workspace = nullptr;
    FSB_CUDA(cudaMalloc(&workspace, wsBytes));
    Budget budget(opt.budgetS);
    int points = 0;
    bool truncated = false;
    for (const Problem& pr : problems) {
        if (budget.exhausted()) {
            truncated = true;
            break;
        }
        size_t elems = (size_t)(pr.batch * pr.heads * pr.seq * pr.headDim);
        size_t io = 4 * elems * sizeof(__nv_bfloat16);
        size_t scoresBytes = (size_t)(pr.batch * pr.heads) * pr.seq * pr.seq * sizeof(__nv_bfloat16);
        std::string name = "b=" + std::to_string(pr.batch) + " h=" + std::to_string(pr.heads) + " s=" +
                           std::to_string(pr.seq) + " d=" + std::to_string(pr.headDim);
        if (io > freeDeviceBytes(device) * 8 / 10) {
            emitSkipped(bench, name, "not enough free device memory");
            continue;
        }
        __nv_bfloat16* base = nullptr;
        FSB_CUDA(cudaMalloc(&base, io));
        fillBf16<<<1024, 256>>>(base, 4 * elems, 7);
        FSB_CUDA(cudaDeviceSynchronize());
        void *q = base, *k = base + elems, *v = base + 2 * elems, *o = base + 3 * elems;
        auto emit = [&](const char* impl, const Timing& t, long long engine) {
            Json j;
            j.str("kind", "attention")
                .integer("device", device)
                .str("impl", impl)
                .str("dtype", "bf16")
                .integer("batch", pr.batch)
                .integer("heads", pr.heads)
                .integer("seq", pr.seq)
                .integer("headDim", pr.headDim)
                .boolean("causal", false)
                .timing(t)
                .num("tflops", pr.flops() / (t.medianUs * 1e-6) / 1e12);
            if (engine >= 0) j.integer("engine", engine);
            j.emit();
            ++points;
        };
        if (dnnApi != nullptr) {
            Timing t;
            long long engine = -1;
            std::string why;
            if (cudnnSdpa(*dnnApi, dh, pr, q, k, v, o, stream, opt, t, engine, why)) emit("cudnn-sdpa", t, engine);
            else emitSkipped(bench, "cudnn-sdpa " + name, why);
        }
        if (ltApi != nullptr) {
            __nv_bfloat16* scores = nullptr;
            if (scoresBytes > freeDeviceBytes(device) * 8 / 10 || cudaMalloc(&scores, scoresBytes) != cudaSuccess) {
                cudaGetLastError();
                emitSkipped(bench, "unfused " + name, "the " + std::to_string(scoresBytes >> 20) +
                                                          " MiB score matrix does not fit in free device memory");
            } else {
                Timing t;
                std::string why;
                if (unfused(*ltApi, lh, pr, q, k, v, o, scores, workspace, wsBytes, stream, opt, t, why)) emit("unfused", t, -1);
                else emitSkipped(bench, "unfused " + name, why);
                cudaFree(scores);
            }
        }
        cudaFree(base);
    }
    cudaFree(workspace);
    if (dh != nullptr) dnnApi->destroy(dh);
    if (lh != nullptr) ltApi->destroy(lh);
    cudaStreamDestroy(stream);
    emitEnd(bench, truncated ? "truncated" : "ok", points, nowS() - start);
    return EXIT_OK;
}

}  // namespace fsb
