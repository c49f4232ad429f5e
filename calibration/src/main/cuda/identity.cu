// The identity line: which machine, GPUs, clocks, power limits and library versions a
// measurement comes from. The CUDA runtime gives the device properties; NVML (dlopen) adds
// the UUID as nvidia-smi prints it, clocks, power limit, active NVLinks and the PCIe link.
#include "dynlib.h"
#include "fsbench.h"

#include <unistd.h>

#include <ctime>
#include <string>

namespace fsb {
namespace {

std::string cudaVersion(int v) {  // 13000 -> "13.0"
    return std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 10);
}

std::string utcNow() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string uuidText(const cudaUUID_t& u) {  // GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
    static const int groups[] = {4, 2, 2, 2, 6};
    std::string s = "GPU-";
    int k = 0;
    for (int g = 0; g < 5; ++g) {
        if (g > 0) s += "-";
        for (int i = 0; i < groups[g]; ++i, ++k) {
            char buf[3];
            std::snprintf(buf, sizeof buf, "%02x", (unsigned char)u.bytes[k]);
            s += buf;
        }
    }
    return s;
}

std::string deviceJson(int d) {
    cudaDeviceProp p{};
    FSB_CUDA(cudaGetDeviceProperties(&p, d));
    int smClockKHz = 0, memClockKHz = 0;
    cudaDeviceGetAttribute(&smClockKHz, cudaDevAttrClockRate, d);
    cudaDeviceGetAttribute(&memClockKHz, cudaDevAttrMemoryClockRate, d);
    char pci[32] = {0};
    if (cudaDeviceGetPCIBusId(pci, sizeof pci, d) != cudaSuccess) {
        std::snprintf(pci, sizeof pci, "%04x:%02x:%02x.0", p.pciDomainID, p.pciBusID, p.pciDeviceID);
    }
    Json j;
    j.integer("index", d)
        .str("name", p.name)
        .str("uuid", uuidText(p.uuid))
        .str("pciBusId", pci)
        .str("computeCapability", std::to_string(p.major) + "." + std::to_string(p.minor))
        .integer("smCount", p.multiProcessorCount)
        .integer("maxSmClockMHz", smClockKHz / 1000)
        .integer("maxMemClockMHz", memClockKHz / 1000)
        .integer("memBusWidthBits", p.memoryBusWidth)
        .integer("l2Bytes", p.l2CacheSize)
        .integer("memoryBytes", (long long)p.totalGlobalMem);
    const nvml::Api* nv = nvmlLib();
    nvml::Device h = nullptr;
    if (nv != nullptr && nv->deviceGetHandleByPciBusId(pci, &h) == 0) {
        char name[96] = {0}, uuid[96] = {0};
        if (nv->deviceGetUUID(h, uuid, sizeof uuid) == 0) j.str("nvmlUuid", uuid);
        if (nv->deviceGetName(h, name, sizeof name) == 0) j.str("nvmlName", name);
        unsigned int v = 0;
        if (nv->deviceGetEnforcedPowerLimit(h, &v) == 0) j.num("powerLimitW", v / 1000.0);
        else if (nv->deviceGetPowerManagementLimit(h, &v) == 0) j.num("powerLimitW", v / 1000.0);
        if (nv->deviceGetClockInfo(h, nvml::CLOCK_SM, &v) == 0) j.integer("smClockMHz", v);
        if (nv->deviceGetClockInfo(h, nvml::CLOCK_MEM, &v) == 0) j.integer("memClockMHz", v);
        if (nv->deviceGetMaxClockInfo(h, nvml::CLOCK_SM, &v) == 0) j.integer("maxSmClockMHz", v);
        if (nv->deviceGetMaxClockInfo(h, nvml::CLOCK_MEM, &v) == 0) j.integer("maxMemClockMHz", v);
        int active = 0;
        for (unsigned int link = 0; link < (unsigned)nvml::NVLINK_MAX_LINKS; ++link) {
            int state = 0;
            if (nv->deviceGetNvLinkState(h, link, &state) == 0 && state == nvml::FEATURE_ENABLED) ++active;
        }
        j.integer("nvlinks", active);
        if (nv->deviceGetCurrPcieLinkGeneration(h, &v) == 0) j.integer("pcieGen", v);
        if (nv->deviceGetCurrPcieLinkWidth(h, &v) == 0) j.integer("pcieWidth", v);
    }
    return j.text();
}

}  // namespace

void emitIdentity(const std::string& benchmark, const Options& opt) {
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    int driver = 0, runtime = 0;
    cudaDriverGetVersion(&driver);
    cudaRuntimeGetVersion(&runtime);

    Json versions;
    versions.str("cudaDriver", cudaVersion(driver)).str("cudaRuntime", cudaVersion(runtime));
    const DynLib* lib = nullptr;
    const nvml::Api* nv = nvmlLib(&lib);
    if (nv != nullptr) {
        char v[96] = {0};
        if (nv->systemGetDriverVersion(v, sizeof v) == 0) versions.str("driver", v);
    }
    std::string s = cublasLtVersion();
    if (!s.empty()) versions.str("cublasLt", s);
    s = cudnnVersion();
    if (!s.empty()) versions.str("cudnn", s);
    s = ncclVersion();
    if (!s.empty()) versions.str("nccl", s);

    std::string devices = "[";
    int n = deviceCount();
    for (int d = 0; d < n; ++d) {
        if (d > 0) devices += ",";
        devices += deviceJson(d);
    }
    devices += "]";

    Json missing;
    const DynLib* l = nullptr;
    cublasLt(&l);
    if (!l->error.empty()) missing.str("cublasLt", l->error);
    cudnn(&l);
    if (!l->error.empty()) missing.str("cudnn", l->error);
    ncclLib(&l);
    if (!l->error.empty()) missing.str("nccl", l->error);
    if (!lib->error.empty()) missing.str("nvml", lib->error);

    Json().str("kind", "identity")
        .str("format", FSB_FORMAT)
        .str("benchmark", benchmark)
        .str("host", host)
        .str("measuredAt", utcNow())
        .boolean("quick", opt.quick)
        .raw("versions", versions.text())
        .raw("missingLibraries", missing.text())
        .raw("devices", devices)
        .emit();
}

}  // namespace fsb
