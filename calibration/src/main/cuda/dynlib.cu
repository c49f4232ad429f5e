// dlopen-based loading of cuBLASLt, cuDNN, NCCL and NVML (see dynlib.h).
#include "dynlib.h"
#include "fsbench.h"

#include <dlfcn.h>

#include <cstdio>
#include <initializer_list>
#include <string>

namespace fsb {
namespace {

DynLib open(const char* what, std::initializer_list<const char*> names, const char* hint) {
    DynLib lib;
    std::string tried;
    for (const char* n : names) {
        void* h = dlopen(n, RTLD_NOW | RTLD_LOCAL);
        if (h != nullptr) {
            lib.handle = h;
            lib.name = n;
            return lib;
        }
        const char* e = dlerror();
        if (!tried.empty()) tried += "; ";
        tried += e != nullptr ? e : n;
    }
    lib.error = std::string(what) + " not found (" + tried + "); " + hint;
    return lib;
}

// Resolves one symbol into a function pointer; records the first missing one.
template <typename T>
void sym(DynLib& lib, T& fn, const char* name) {
    if (!lib.loaded()) return;
    void* p = dlsym(lib.handle, name);
    if (p == nullptr && lib.error.empty()) {
        lib.error = lib.name + " has no symbol " + name + " (too old a version?)";
    }
    fn = reinterpret_cast<T>(p);
}

std::string dotted(long long major, long long minor, long long patch) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%lld.%lld.%lld", major, minor, patch);
    return buf;
}

}  // namespace

const lt::Api* cublasLt(const DynLib** out) {
    static DynLib lib;
    static lt::Api api;
    static bool tried = false;
    if (!tried) {
        tried = true;
        lib = open("cuBLASLt (libcublasLt.so)", {"libcublasLt.so.13", "libcublasLt.so.12", "libcublasLt.so"},
                   "install the CUDA toolkit's cuBLAS (e.g. the libcublas-13 package) or add its lib directory to "
                   "LD_LIBRARY_PATH");
        sym(lib, api.create, "cublasLtCreate");
        sym(lib, api.destroy, "cublasLtDestroy");
        sym(lib, api.getVersion, "cublasLtGetVersion");
        sym(lib, api.matmulDescCreate, "cublasLtMatmulDescCreate");
        sym(lib, api.matmulDescDestroy, "cublasLtMatmulDescDestroy");
        sym(lib, api.matmulDescSetAttribute, "cublasLtMatmulDescSetAttribute");
        sym(lib, api.matrixLayoutCreate, "cublasLtMatrixLayoutCreate");
        sym(lib, api.matrixLayoutDestroy, "cublasLtMatrixLayoutDestroy");
        sym(lib, api.matrixLayoutSetAttribute, "cublasLtMatrixLayoutSetAttribute");
        sym(lib, api.preferenceCreate, "cublasLtMatmulPreferenceCreate");
        sym(lib, api.preferenceDestroy, "cublasLtMatmulPreferenceDestroy");
        sym(lib, api.preferenceSetAttribute, "cublasLtMatmulPreferenceSetAttribute");
        sym(lib, api.algoGetHeuristic, "cublasLtMatmulAlgoGetHeuristic");
        sym(lib, api.matmul, "cublasLtMatmul");
    }
    if (out != nullptr) *out = &lib;
    return lib.loaded() && lib.error.empty() ? &api : nullptr;
}

const dnn::Api* cudnn(const DynLib** out) {
    static DynLib lib;
    static dnn::Api api;
    static bool tried = false;
    if (!tried) {
        tried = true;
        // cuDNN 9 splits into sub-libraries; the graph API and its engines load from libcudnn.so.9.
        lib = open("cuDNN (libcudnn.so.9)", {"libcudnn.so.9", "libcudnn.so"},
                   "install cuDNN 9 (e.g. the cudnn9-cuda-13 package) or add its lib directory to LD_LIBRARY_PATH; "
                   "attention falls back to the unfused reference");
        sym(lib, api.getVersion, "cudnnGetVersion");
        sym(lib, api.getErrorString, "cudnnGetErrorString");
        sym(lib, api.create, "cudnnCreate");
        sym(lib, api.destroy, "cudnnDestroy");
        sym(lib, api.setStream, "cudnnSetStream");
        sym(lib, api.createDescriptor, "cudnnBackendCreateDescriptor");
        sym(lib, api.destroyDescriptor, "cudnnBackendDestroyDescriptor");
        sym(lib, api.finalize, "cudnnBackendFinalize");
        sym(lib, api.setAttribute, "cudnnBackendSetAttribute");
        sym(lib, api.getAttribute, "cudnnBackendGetAttribute");
        sym(lib, api.execute, "cudnnBackendExecute");
    }
    if (out != nullptr) *out = &lib;
    return lib.loaded() && lib.error.empty() ? &api : nullptr;
}

const nccl::Api* ncclLib(const DynLib** out) {
    static DynLib lib;
    static nccl::Api api;
    static bool tried = false;
    if (!tried) {
        tried = true;
        lib = open("NCCL (libnccl.so.2)", {"libnccl.so.2", "libnccl.so"},
                   "install NCCL 2 (e.g. the libnccl2 package) or add its lib directory to LD_LIBRARY_PATH");
        sym(lib, api.getVersion, "ncclGetVersion");
        sym(lib, api.getErrorString, "ncclGetErrorString");
        sym(lib, api.getUniqueId, "ncclGetUniqueId");
        sym(lib, api.commInitAll, "ncclCommInitAll");
        sym(lib, api.commInitRank, "ncclCommInitRank");
        sym(lib, api.commDestroy, "ncclCommDestroy");
        sym(lib, api.allReduce, "ncclAllReduce");
        sym(lib, api.allGather, "ncclAllGather");
        sym(lib, api.reduceScatter, "ncclReduceScatter");
        sym(lib, api.send, "ncclSend");
        sym(lib, api.recv, "ncclRecv");
        sym(lib, api.groupStart, "ncclGroupStart");
        sym(lib, api.groupEnd, "ncclGroupEnd");
    }
    if (out != nullptr) *out = &lib;
    return lib.loaded() && lib.error.empty() ? &api : nullptr;
}

const nvml::Api* nvmlLib(const DynLib** out) {
    static DynLib lib;
    static nvml::Api api;
    static bool tried = false;
    static bool initialised = false;
    if (!tried) {
        tried = true;
        lib = open("NVML (libnvidia-ml.so.1)", {"libnvidia-ml.so.1", "libnvidia-ml.so"},
                   "it ships with the NVIDIA driver; without it the identity lacks UUID-level power and clock data");
        sym(lib, api.init, "nvmlInit_v2");
        sym(lib, api.shutdown, "nvmlShutdown");
        sym(lib, api.errorString, "nvmlErrorString");
        sym(lib, api.systemGetDriverVersion, "nvmlSystemGetDriverVersion");
        sym(lib, api.deviceGetHandleByPciBusId, "nvmlDeviceGetHandleByPciBusId_v2");
        sym(lib, api.deviceGetName, "nvmlDeviceGetName");
        sym(lib, api.deviceGetUUID, "nvmlDeviceGetUUID");
        sym(lib, api.deviceGetPowerManagementLimit, "nvmlDeviceGetPowerManagementLimit");
        sym(lib, api.deviceGetEnforcedPowerLimit, "nvmlDeviceGetEnforcedPowerLimit");
        sym(lib, api.deviceGetClockInfo, "nvmlDeviceGetClockInfo");
        sym(lib, api.deviceGetMaxClockInfo, "nvmlDeviceGetMaxClockInfo");
        sym(lib, api.deviceGetNvLinkState, "nvmlDeviceGetNvLinkState");
        sym(lib, api.deviceGetCurrPcieLinkGeneration, "nvmlDeviceGetCurrPcieLinkGeneration");
        sym(lib, api.deviceGetCurrPcieLinkWidth, "nvmlDeviceGetCurrPcieLinkWidth");
        if (lib.loaded() && lib.error.empty()) {
            nvml::Return r = api.init();
            if (r != 0) {
                lib.error = std::string("nvmlInit failed: ") + api.errorString(r);
            } else {
                initialised = true;
            }
        }
    }
    if (out != nullptr) *out = &lib;
    return initialised ? &api : nullptr;
}

std::string cublasLtVersion() {
    const lt::Api* api = cublasLt();
    if (api == nullptr) return "";
    long long v = (long long)api->getVersion();  // major * 10000 + minor * 100 + patch
    return dotted(v / 10000, (v / 100) % 100, v % 100);
}

std::string cudnnVersion() {
    const dnn::Api* api = cudnn();
    if (api == nullptr) return "";
    long long v = (long long)api->getVersion();  // cuDNN 9: major * 10000 + minor * 100 + patch
    if (v >= 90000) return dotted(v / 10000, (v / 100) % 100, v % 100);
    return dotted(v / 1000, (v / 100) % 10, v % 100);  // cuDNN 8: major * 1000 + minor * 100 + patch
}

std::string ncclVersion() {
    const nccl::Api* api = ncclLib();
    if (api == nullptr) return "";
    int v = 0;
    if (api->getVersion(&v) != 0) return "";
    if (v >= 10000) return dotted(v / 10000, (v / 100) % 100, v % 100);  // 2.9 and later
    return dotted(v / 1000, (v / 100) % 10, v % 100);
}

}  // namespace fsb
