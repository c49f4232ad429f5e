package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.scenario.ScenarioKeys.Tenant;
import dev.fleetsim.engine.workload.TenantSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Reads the {@code tenants} section: a map from tenant name to its quota, borrowing limit, cohort and priority. */
final class TenantReader {
    private TenantReader() {
    }

    static List<TenantSpec> read(Cursor c) {
        List<TenantSpec> out = new ArrayList<>();
        if (!c.present()) {
            return out;
        }
        for (Map.Entry<String, Cursor> e : c.entries("a map from tenant name to its quota and priority").entrySet()) {
            Cursor t = e.getValue();
            int mark = t.mark();
            if (!t.map(Tenant.SECTION)) {
                continue;
            }
            Long quota = Tenant.NOMINAL_QUOTA.read(t);
            Long limit = Tenant.BORROWING_LIMIT.read(t);
            String cohort = Tenant.COHORT.read(t);
            Integer priority = Tenant.PRIORITY.read(t);
            if (limit != null && quota == null) {
                Tenant.BORROWING_LIMIT.at(t).problem(String.valueOf(limit) + " without a nominalQuota",
                        "a nominalQuota beside it: a tenant borrows beyond its own quota");
            }
            if (e.getKey().isBlank()) {
                t.problem("a blank tenant name", "a tenant name");
            }
            if (t.cleanSince(mark)) {
                out.add(new TenantSpec(e.getKey(), quota == null ? OptionalLong.empty() : OptionalLong.of(quota),
                        limit == null ? OptionalLong.empty() : OptionalLong.of(limit), cohort, priority));
            }
        }
        return out;
    }
}
