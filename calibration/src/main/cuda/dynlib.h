// Hand-declared slices of the C APIs of cuBLASLt, cuDNN (backend graph API), NCCL and NVML,
// resolved with dlopen/dlsym at run time. Only what the benchmarks call is declared; enum
// values and struct layouts are copied from the libraries' public headers (cublasLt.h,
// cublas_api.h, cudnn_graph.h of cuDNN 9, nccl.h of NCCL 2.x, nvml.h), which are stable ABI.
// cudaDataType_t comes from the CUDA runtime's own library_types.h.
#pragma once

#include <cuda_runtime.h>
#include <library_types.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace fsb {

// A library opened by dlopen; `error` names the library and says why when it is missing.
struct DynLib {
    void* handle = nullptr;
    std::string name;     // the file that was opened, e.g. libcublasLt.so.13
    std::string error;    // empty when loaded
    bool loaded() const { return handle != nullptr; }
};

// ---- cuBLASLt -------------------------------------------------------------------------------
namespace lt {
typedef int Status;  // cublasStatus_t; 0 = CUBLAS_STATUS_SUCCESS
typedef void* Handle;
typedef void* MatmulDesc;
typedef void* MatrixLayout;
typedef void* Preference;
struct MatmulAlgo {
    uint64_t data[8];
};
struct HeuristicResult {  // cublasLtMatmulHeuristicResult_t
    MatmulAlgo algo;
    size_t workspaceSize;
    Status state;
    float wavesCount;
    int reserved[4];
};
// cublasComputeType_t
constexpr int COMPUTE_32F = 68;
constexpr int COMPUTE_32F_FAST_TF32 = 77;
// cublasOperation_t
constexpr int OP_N = 0;
constexpr int OP_T = 1;
// cublasLtMatmulDescAttributes_t
constexpr int DESC_TRANSA = 3;
constexpr int DESC_TRANSB = 4;
constexpr int DESC_A_SCALE_POINTER = 17;
constexpr int DESC_B_SCALE_POINTER = 18;
constexpr int DESC_FAST_ACCUM = 25;  // int8_t, default 0: FP8 partial sums promoted to FP32 along K (split accumulator)
// cublasLtMatrixLayoutAttribute_t
constexpr int LAYOUT_BATCH_COUNT = 5;
constexpr int LAYOUT_STRIDED_BATCH_OFFSET = 6;
// cublasLtMatmulPreferenceAttributes_t
constexpr int PREF_MAX_WORKSPACE_BYTES = 1;

struct Api {
    Status (*create)(Handle*);
    Status (*destroy)(Handle);
    size_t (*getVersion)(void);
    Status (*matmulDescCreate)(MatmulDesc*, int computeType, cudaDataType_t scaleType);
    Status (*matmulDescDestroy)(MatmulDesc);
    Status (*matmulDescSetAttribute)(MatmulDesc, int attr, const void* buf, size_t size);
    Status (*matrixLayoutCreate)(MatrixLayout*, cudaDataType_t type, uint64_t rows, uint64_t cols, int64_t ld);
    Status (*matrixLayoutDestroy)(MatrixLayout);
    Status (*matrixLayoutSetAttribute)(MatrixLayout, int attr, const void* buf, size_t size);
    Status (*preferenceCreate)(Preference*);
    Status (*preferenceDestroy)(Preference);
    Status (*preferenceSetAttribute)(Preference, int attr, const void* buf, size_t size);
    Status (*algoGetHeuristic)(Handle, MatmulDesc, MatrixLayout a, MatrixLayout b, MatrixLayout c, MatrixLayout d,
                               Preference, int requested, HeuristicResult* results, int* returned);
    Status (*matmul)(Handle, MatmulDesc, const void* alpha, const void* A, MatrixLayout, const void* B, MatrixLayout,
                     const void* beta, const void* C, MatrixLayout, void* D, MatrixLayout, const MatmulAlgo* algo,
                     void* workspace, size_t workspaceBytes, cudaStream_t stream);
};
}  // namespace lt

// ---- cuDNN backend (graph) API --------------------------------------------------------------
namespace dnn {
typedef int Status;  // cudnnStatus_t; 0 = CUDNN_STATUS_SUCCESS
typedef void* Handle;
typedef void* Desc;  // cudnnBackendDescriptor_t
// cudnnDataType_t
constexpr int DATA_FLOAT = 0;
constexpr int DATA_HALF = 2;
constexpr int DATA_BFLOAT16 = 9;
// cudnnPointwiseMode_t
constexpr int PW_MUL = 1;
constexpr int PW_DIV = 6;
constexpr int PW_SUB = 9;
constexpr int PW_EXP = 13;
// cudnnReduceTensorOp_t
constexpr int REDUCE_ADD = 0;
constexpr int REDUCE_MAX = 3;
// cudnnBackendHeurMode_t
constexpr int HEUR_MODE_A = 3;
// cudnnBackendAttributeType_t
constexpr int TYPE_HANDLE = 0;
constexpr int TYPE_DATA_TYPE = 1;
constexpr int TYPE_BOOLEAN = 2;
constexpr int TYPE_INT64 = 3;
constexpr int TYPE_FLOAT = 4;
constexpr int TYPE_VOID_PTR = 6;
constexpr int TYPE_HEUR_MODE = 8;
constexpr int TYPE_POINTWISE_MODE = 14;
constexpr int TYPE_BACKEND_DESCRIPTOR = 15;
constexpr int TYPE_REDUCTION_OPERATOR_TYPE = 18;
// cudnnBackendDescriptorType_t
constexpr int POINTWISE_DESCRIPTOR = 0;
constexpr int ENGINE_DESCRIPTOR = 2;
constexpr int ENGINECFG_DESCRIPTOR = 3;
constexpr int ENGINEHEUR_DESCRIPTOR = 4;
constexpr int EXECUTION_PLAN_DESCRIPTOR = 5;
constexpr int OPERATION_POINTWISE_DESCRIPTOR = 13;
constexpr int OPERATIONGRAPH_DESCRIPTOR = 15;
constexpr int VARIANT_PACK_DESCRIPTOR = 16;
constexpr int TENSOR_DESCRIPTOR = 17;
constexpr int MATMUL_DESCRIPTOR = 18;
constexpr int OPERATION_MATMUL_DESCRIPTOR = 19;
constexpr int REDUCTION_DESCRIPTOR = 21;
constexpr int OPERATION_REDUCTION_DESCRIPTOR = 22;
// cudnnBackendAttributeName_t
constexpr int ATTR_POINTWISE_MODE = 0;
constexpr int ATTR_POINTWISE_MATH_PREC = 1;
constexpr int ATTR_ENGINEHEUR_MODE = 200;
constexpr int ATTR_ENGINEHEUR_OPERATION_GRAPH = 201;
constexpr int ATTR_ENGINEHEUR_RESULTS = 202;
constexpr int ATTR_ENGINECFG_ENGINE = 300;
constexpr int ATTR_EXECUTION_PLAN_HANDLE = 400;
constexpr int ATTR_EXECUTION_PLAN_ENGINE_CONFIG = 401;
constexpr int ATTR_EXECUTION_PLAN_WORKSPACE_SIZE = 402;
constexpr int ATTR_OPERATION_POINTWISE_PW_DESCRIPTOR = 750;
constexpr int ATTR_OPERATION_POINTWISE_XDESC = 751;
constexpr int ATTR_OPERATION_POINTWISE_BDESC = 752;
constexpr int ATTR_OPERATION_POINTWISE_YDESC = 753;
constexpr int ATTR_OPERATIONGRAPH_HANDLE = 800;
constexpr int ATTR_OPERATIONGRAPH_OPS = 801;
constexpr int ATTR_TENSOR_BYTE_ALIGNMENT = 900;
constexpr int ATTR_TENSOR_DATA_TYPE = 901;
constexpr int ATTR_TENSOR_DIMENSIONS = 902;
constexpr int ATTR_TENSOR_STRIDES = 903;
constexpr int ATTR_TENSOR_UNIQUE_ID = 906;
constexpr int ATTR_TENSOR_IS_VIRTUAL = 907;
constexpr int ATTR_TENSOR_IS_BY_VALUE = 908;
constexpr int ATTR_VARIANT_PACK_UNIQUE_IDS = 1000;
constexpr int ATTR_VARIANT_PACK_DATA_POINTERS = 1001;
constexpr int ATTR_VARIANT_PACK_WORKSPACE = 1003;
constexpr int ATTR_ENGINE_GLOBAL_INDEX = 1301;
constexpr int ATTR_MATMUL_COMP_TYPE = 1500;
constexpr int ATTR_OPERATION_MATMUL_ADESC = 1520;
constexpr int ATTR_OPERATION_MATMUL_BDESC = 1521;
constexpr int ATTR_OPERATION_MATMUL_CDESC = 1522;
constexpr int ATTR_OPERATION_MATMUL_DESC = 1523;
constexpr int ATTR_REDUCTION_OPERATOR = 1600;
constexpr int ATTR_REDUCTION_COMP_TYPE = 1601;
constexpr int ATTR_OPERATION_REDUCTION_XDESC = 1610;
constexpr int ATTR_OPERATION_REDUCTION_YDESC = 1611;
constexpr int ATTR_OPERATION_REDUCTION_DESC = 1612;

struct Api {
    size_t (*getVersion)(void);
    const char* (*getErrorString)(Status);
    Status (*create)(Handle*);
    Status (*destroy)(Handle);
    Status (*setStream)(Handle, cudaStream_t);
    Status (*createDescriptor)(int type, Desc*);
    Status (*destroyDescriptor)(Desc);
    Status (*finalize)(Desc);
    Status (*setAttribute)(Desc, int name, int type, int64_t count, const void* elements);
    Status (*getAttribute)(Desc, int name, int type, int64_t requested, int64_t* count, void* elements);
    Status (*execute)(Handle, Desc plan, Desc variantPack);
};
}  // namespace dnn

// ---- NCCL -----------------------------------------------------------------------------------
namespace nccl {
typedef int Result;  // ncclResult_t; 0 = ncclSuccess
typedef void* Comm;
constexpr int UNIQUE_ID_BYTES = 128;
struct UniqueId {
    char internal[UNIQUE_ID_BYTES];
};
// ncclDataType_t
constexpr int FLOAT32 = 7;
constexpr int FLOAT64 = 8;
constexpr int UINT64 = 5;
// ncclRedOp_t
constexpr int SUM = 0;

struct Api {
    Result (*getVersion)(int*);
    const char* (*getErrorString)(Result);
    Result (*getUniqueId)(UniqueId*);
    Result (*commInitAll)(Comm* comms, int ndev, const int* devlist);
    Result (*commInitRank)(Comm* comm, int nranks, UniqueId id, int rank);
    Result (*commDestroy)(Comm);
    Result (*allReduce)(const void* send, void* recv, size_t count, int type, int op, Comm, cudaStream_t);
    Result (*allGather)(const void* send, void* recv, size_t sendCount, int type, Comm, cudaStream_t);
    Result (*reduceScatter)(const void* send, void* recv, size_t recvCount, int type, int op, Comm, cudaStream_t);
    Result (*send)(const void* send, size_t count, int type, int peer, Comm, cudaStream_t);
    Result (*recv)(void* recv, size_t count, int type, int peer, Comm, cudaStream_t);
    Result (*groupStart)(void);
    Result (*groupEnd)(void);
};
}  // namespace nccl

// ---- NVML -----------------------------------------------------------------------------------
namespace nvml {
typedef int Return;  // nvmlReturn_t; 0 = NVML_SUCCESS
typedef void* Device;
constexpr int CLOCK_SM = 1;
constexpr int CLOCK_MEM = 2;
constexpr int NVLINK_MAX_LINKS = 18;
constexpr int FEATURE_ENABLED = 1;

struct Api {
    Return (*init)(void);
    Return (*shutdown)(void);
    const char* (*errorString)(Return);
    Return (*systemGetDriverVersion)(char*, unsigned int);
    Return (*deviceGetHandleByPciBusId)(const char*, Device*);
    Return (*deviceGetName)(Device, char*, unsigned int);
    Return (*deviceGetUUID)(Device, char*, unsigned int);
    Return (*deviceGetPowerManagementLimit)(Device, unsigned int* milliwatts);
    Return (*deviceGetEnforcedPowerLimit)(Device, unsigned int* milliwatts);
    Return (*deviceGetClockInfo)(Device, int type, unsigned int* mhz);
    Return (*deviceGetMaxClockInfo)(Device, int type, unsigned int* mhz);
    Return (*deviceGetNvLinkState)(Device, unsigned int link, int* isActive);
    Return (*deviceGetCurrPcieLinkGeneration)(Device, unsigned int*);
    Return (*deviceGetCurrPcieLinkWidth)(Device, unsigned int*);
};
}  // namespace nvml

// Loaders: each opens its library once, resolves every symbol, and returns null (with the
// reason in lib->error, naming the library) when the library or a symbol is missing.
const lt::Api* cublasLt(const DynLib** lib = nullptr);
const dnn::Api* cudnn(const DynLib** lib = nullptr);
const nccl::Api* ncclLib(const DynLib** lib = nullptr);
const nvml::Api* nvmlLib(const DynLib** lib = nullptr);

// "13.0.2"-style versions of the loaded libraries, or "" when the library is not there.
std::string cublasLtVersion();
std::string cudnnVersion();
std::string ncclVersion();

}  // namespace fsb
