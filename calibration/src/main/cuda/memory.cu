// Device memory bandwidth (copy, read, write, triad, cudaMemcpy), host<->device copies (pinned
// and pageable), peer-to-peer copies between every pair of GPUs, and kernel launch latency.
#include "fsbench.h"

#include <algorithm>
#include <string>
#include <vector>

namespace fsb {
namespace {

constexpr long long MiB = 1LL << 20;

__global__ void copyKernel(const float4* __restrict__ a, float4* __restrict__ b, size_t n) {
    for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) b[i] = a[i];
}

__global__ void readKernel(const float4* __restrict__ a, size_t n, float* sink) {
    float4 acc = make_float4(0, 0, 0, 0);
    for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) {
        float4 v = a[i];
        acc.x += v.x;
        acc.y += v.y;
        acc.z += v.z;
        acc.w += v.w;
    }
    float s = acc.x + acc.y + acc.z + acc.w;
    if (s == 1234.5f) sink[0] = s;  // data-dependent store: the loads cannot be optimised away
}

__global__ void writeKernel(float4* __restrict__ a, size_t n, float v) {
    float4 x = make_float4(v, v, v, v);
    for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) a[i] = x;
}

__global__ void triadKernel(float4* __restrict__ a, const float4* __restrict__ b, const float4* __restrict__ c, size_t n, float s) {
    for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) {
        float4 x = b[i], y = c[i];
        a[i] = make_float4(x.x + s * y.x, x.y + s * y.y, x.z + s * y.z, x.w + s * y.w);
    }
}

__global__ void emptyKernel() {}

int devicesToRun(const Options& opt, bool allInFull) {
    int n = deviceCount();
    if (opt.device >= n) die(EXIT_USAGE, "--device %d does not exist (%d visible)", opt.device, n);
    return opt.device >= 0 ? 1 : (allInFull && !opt.quick ? n : 1);
}

int firstDevice(const Options& opt) { return opt.device >= 0 ? opt.device : 0; }

}  // namespace

int runMemory(const Options& opt) {
    const std::string bench = "memory";
    int device = firstDevice(opt);
    deviceCount();
    FSB_CUDA(cudaSetDevice(device));
    emitIdentity(bench, opt);
    double start = nowS();
    long long hi = opt.maxBytes > 0 ? opt.maxBytes : 4096 * MiB;
    std::vector<long long> sizes = opt.quick ? std::vector<long long>{1 * MiB, 16 * MiB, 256 * MiB, 1024 * MiB, 4096 * MiB}
                                             : geometric(1 * MiB, 4096 * MiB, 2);
    sizes.erase(std::remove_if(sizes.begin(), sizes.end(), [&](long long s) { return s > hi; }), sizes.end());
    const char* ops[] = {"copy", "read", "write", "triad", "memcpy"};
    emitPlan(bench, (int)(sizes.size() * 5));
    int sms = smCount(device);
    int blocks = sms * 8, threads = 512;
    cudaStream_t stream;
    FSB_CUDA(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
    float* sink = nullptr;
    FSB_CUDA(cudaMalloc(&sink, sizeof(float)));
    Budget budget(opt.budgetS);
    int points = 0;
    bool truncated = false;
    for (long long bytes : sizes) {
        if (budget.exhausted()) {
            truncated = true;
            break;
        }
        size_t need = 3 * (size_t)bytes;
        if (need > freeDeviceBytes(device) * 9 / 10) {
            emitSkipped(bench, "size " + std::to_string(bytes) + " B", "needs " + std::to_string(need >> 20) + " MiB of free device memory");
            continue;
        }
        float4 *a = nullptr, *b = nullptr, *c = nullptr;
        FSB_CUDA(cudaMalloc(&a, bytes));
        FSB_CUDA(cudaMalloc(&b, bytes));
        FSB_CUDA(cudaMalloc(&c, bytes));
        FSB_CUDA(cudaMemset(a, 0, bytes));
        FSB_CUDA(cudaMemset(b, 0, bytes));
        FSB_CUDA(cudaMemset(c, 0, bytes));
        size_t n = (size_t)bytes / sizeof(float4);
        for (const char* op : ops) {
            std::string o = op;
            double moved = (double)bytes * (o == "copy" || o == "memcpy" ? 2 : o == "triad" ? 3 : 1);
            Timing t = timeOnStream(stream, opt.warmup, opt.samples, 0, 2000.0, [&](int) {
                if (o == "copy") copyKernel<<<blocks, threads, 0, stream>>>(a, b, n);
                else if (o == "read") readKernel<<<blocks, threads, 0, stream>>>(a, n, sink);
                else if (o == "write") writeKernel<<<blocks, threads, 0, stream>>>(a, n, 1.0f);
                else if (o == "triad") triadKernel<<<blocks, threads, 0, stream>>>(a, b, c, n, 3.0f);
                else cudaMemcpyAsync(b, a, bytes, cudaMemcpyDeviceToDevice, stream);
            });
            FSB_CUDA(cudaGetLastError());
            Json()
                .str("kind", "memory")
                .integer("device", device)
                .str("op", o)
                .integer("bytes", bytes)
                .num("movedBytes", moved)
                .timing(t)
                .num("bandwidthGBps", moved / (t.medianUs * 1e-6) / 1e9)
                .emit();
            ++points;
        }
        cudaFree(a);
        cudaFree(b);
        cudaFree(c);
    }
    cudaFree(sink);
    cudaStreamDestroy(stream);
    emitEnd(bench, truncated ? "truncated" : "ok", points, nowS() - start);
    return EXIT_OK;
}

int runHostCopy(const Options& opt) {
    const std::string bench = "hostcopy";
    int count = devicesToRun(opt, true);
    int first = firstDevice(opt);
    FSB_CUDA(cudaSetDevice(first));
    emitIdentity(bench, opt);
    double start = nowS();
    long long hi = opt.maxBytes > 0 ? opt.maxBytes : 1024 * MiB;
    std::vector<long long> sizes = opt.quick
        ? std::vector<long long>{8, 64 * 1024, 16 * MiB, 256 * MiB}
        : std::vector<long long>{8, 4096, 64 * 1024, 1 * MiB, 16 * MiB, 64 * MiB, 256 * MiB, 1024 * MiB};
    sizes.erase(std::remove_if(sizes.begin(), sizes.end(), [&](long long s) { return s > hi; }), sizes.end());
    emitPlan(bench, (int)(sizes.size() * 4 * count));
    long long maxSize = sizes.empty() ? 8 : sizes.back();
    char* pinned = nullptr;
    FSB_CUDA(cudaMallocHost(&pinned, maxSize));
    std::vector<char> pageable((size_t)maxSize, 1);
    std::fill(pinned, pinned + maxSize, 1);
    Budget budget(opt.budgetS);
    int points = 0;
    bool truncated = false;
    for (int i = 0; i < count && !truncated; ++i) {
        int d = opt.device >= 0 ? opt.device : i;
        FSB_CUDA(cudaSetDevice(d));
        char* dev = nullptr;
        FSB_CUDA(cudaMalloc(&dev, maxSize));
        cudaStream_t stream;
        FSB_CUDA(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
        for (long long bytes : sizes) {
            if (budget.exhausted()) {
                truncated = true;
                break;
            }
            for (int pin = 1; pin >= 0; --pin) {
                for (int h2d = 1; h2d >= 0; --h2d) {
                    char* host = pin ? pinned : pageable.data();
                    cudaMemcpyKind kind = h2d ? cudaMemcpyHostToDevice : cudaMemcpyDeviceToHost;
                    Timing t;
                    if (pin) {
                        // asynchronous copies on a stream, as an offloading runtime issues them
                        t = timeOnStream(stream, opt.warmup, opt.samples, 0, 2000.0, [&](int) {
                            if (h2d) cudaMemcpyAsync(dev, host, bytes, kind, stream);
                            else cudaMemcpyAsync(host, dev, bytes, kind, stream);
                        });
                    } else {
                        // pageable memory is staged by the driver: time the whole synchronous call
                        for (int w = 0; w < opt.warmup; ++w) {
                            if (h2d) FSB_CUDA(cudaMemcpy(dev, host, bytes, kind));
                            else FSB_CUDA(cudaMemcpy(host, dev, bytes, kind));
                        }
                        std::vector<double> us;
                        for (int s = 0; s < opt.samples; ++s) {
                            double t0 = nowS();
                            if (h2d) FSB_CUDA(cudaMemcpy(dev, host, bytes, kind));
                            else FSB_CUDA(cudaMemcpy(host, dev, bytes, kind));
                            us.push_back((nowS() - t0) * 1e6);
                        }
                        t = summarise(us, 1);
                    }
                    FSB_CUDA(cudaGetLastError());
                    Json()
                        .str("kind", "hostcopy")
                        .integer("device", d)
                        .str("direction", h2d ? "h2d" : "d2h")
                        .str("memory", pin ? "pinned" : "pageable")
                        .integer("bytes", bytes)
                        .timing(t)
                        .num("bandwidthGBps", bytes / (t.medianUs * 1e-6) / 1e9)
                        .emit();
                    ++points;
                }
            }
        }
        cudaStreamDestroy(stream);
        cudaFree(dev);
    }
    cudaFreeHost(pinned);
    emitEnd(bench, truncated ? "truncated" : "ok", points, nowS() - start);
    return EXIT_OK;
}

int runP2p(const Options& opt) {
    const std::string bench = "p2p";
    int n = deviceCount();
    FSB_CUDA(cudaSetDevice(0));
    emitIdentity(bench, opt);
    double start = nowS();
    if (n < 2) {
        emitSkipped(bench, "all pairs", "peer-to-peer needs at least 2 GPUs; " + std::to_string(n) + " visible");
        emitEnd(bench, "skipped", 0, nowS() - start);
        return EXIT_OK;
    }
    long long hi = opt.maxBytes > 0 ? opt.maxBytes : 1024 * MiB;
    std::vector<long long> sizes = opt.quick
        ? std::vector<long long>{8, 1 * MiB, 64 * MiB, 512 * MiB}
        : std::vector<long long>{8, 4096, 64 * 1024, 1 * MiB, 16 * MiB, 256 * MiB, 1024 * MiB};
    sizes.erase(std::remove_if(sizes.begin(), sizes.end(), [&](long long s) { return s > hi; }), sizes.end());
    long long maxSize = sizes.empty() ? 8 : sizes.back();
    emitPlan(bench, (int)(sizes.size() * n * (n - 1)));
    std::vector<char*> buf(n, nullptr);
    std::vector<cudaStream_t> streams(n);
    for (int d = 0; d < n; ++d) {
        FSB_CUDA(cudaSetDevice(d));
        FSB_CUDA(cudaMalloc(&buf[d], 2 * maxSize));
        FSB_CUDA(cudaMemset(buf[d], 1, 2 * maxSize));
        FSB_CUDA(cudaStreamCreateWithFlags(&streams[d], cudaStreamNonBlocking));
    }
    Budget budget(opt.budgetS);
    int points = 0;
    bool truncated = false;
    for (int src = 0; src < n && !truncated; ++src) {
        for (int dst = 0; dst < n && !truncated; ++dst) {
            if (src == dst) continue;
            int can = 0;
            FSB_CUDA(cudaDeviceCanAccessPeer(&can, src, dst));
            if (can) {
                FSB_CUDA(cudaSetDevice(src));
                cudaError_t e = cudaDeviceEnablePeerAccess(dst, 0);
                if (e != cudaSuccess && e != cudaErrorPeerAccessAlreadyEnabled) can = 0;
                cudaGetLastError();
            }
            FSB_CUDA(cudaSetDevice(src));
            for (long long bytes : sizes) {
                if (budget.exhausted()) {
                    truncated = true;
                    break;
                }
                Timing t = timeOnStream(streams[src], opt.warmup, opt.samples, 0, 2000.0, [&](int) {
                    cudaMemcpyPeerAsync(buf[dst] + maxSize, dst, buf[src], src, bytes, streams[src]);
                });
                FSB_CUDA(cudaGetLastError());
                Json()
                    .str("kind", "p2p")
                    .integer("src", src)
                    .integer("dst", dst)
                    .boolean("peerAccess", can != 0)
                    .integer("bytes", bytes)
                    .timing(t)
                    .num("bandwidthGBps", bytes / (t.medianUs * 1e-6) / 1e9)
                    .emit();
                ++points;
            }
        }
    }
    for (int d = 0; d < n; ++d) {
        cudaSetDevice(d);
        cudaStreamDestroy(streams[d]);
        cudaFree(buf[d]);
    }
    emitEnd(bench, truncated ? "truncated" : "ok", points, nowS() - start);
    return EXIT_OK;
}

int runLaunch(const Options& opt) {
    const std::string bench = "launch";
    int device = firstDevice(opt);
    deviceCount();
    FSB_CUDA(cudaSetDevice(device));
    emitIdentity(bench, opt);
    double start = nowS();
    emitPlan(bench, 3);
    cudaStream_t stream;
    FSB_CUDA(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
    auto emit = [&](const char* mode, const Timing& t, const char* what) {
        Json()
            .str("kind", "launch")
            .integer("device", device)
            .str("mode", mode)
            .str("what", what)
            .timing(t)
            .emit();
    };
    // 1. back-to-back launches of an empty kernel: the per-kernel cost of an asynchronous stream
    Timing b2b = timeOnStream(stream, 100, opt.samples, 1000, 0, [&](int) { emptyKernel<<<1, 32, 0, stream>>>(); });
    FSB_CUDA(cudaGetLastError());
    emit("back-to-back", b2b, "empty kernels queued on one stream, time per kernel");
    // 2. launch and wait: what a synchronising host loop pays per kernel
    std::vector<double> us;
    for (int i = 0; i < 100; ++i) {
        emptyKernel<<<1, 32, 0, stream>>>();
        FSB_CUDA(cudaStreamSynchronize(stream));
    }
    for (int s = 0; s < opt.samples * 50; ++s) {
        double t0 = nowS();
        emptyKernel<<<1, 32, 0, stream>>>();
        FSB_CUDA(cudaStreamSynchronize(stream));
        us.push_back((nowS() - t0) * 1e6);
    }
    emit("launch-and-sync", summarise(us, 1), "one empty kernel launched and waited for, host clock");
    // 3. a CUDA graph of 100 empty kernels: the per-kernel cost when launches are captured
    cudaGraph_t graph;
    cudaGraphExec_t exec;
    FSB_CUDA(cudaStreamBeginCapture(stream, cudaStreamCaptureModeThreadLocal));
    for (int i = 0; i < 100; ++i) emptyKernel<<<1, 32, 0, stream>>>();
    FSB_CUDA(cudaStreamEndCapture(stream, &graph));
    FSB_CUDA(cudaGraphInstantiate(&exec, graph, 0));
    Timing g = timeOnStream(stream, opt.warmup, opt.samples, 10, 0, [&](int) { cudaGraphLaunch(exec, stream); });
    g.medianUs /= 100;
    g.minUs /= 100;
    emit("graph", g, "a CUDA graph of 100 empty kernels, time per kernel");
    cudaGraphExecDestroy(exec);
    cudaGraphDestroy(graph);
    cudaStreamDestroy(stream);
    emitEnd(bench, "ok", 3, nowS() - start);
    return EXIT_OK;
}

}  // namespace fsb
