package org.bftee.core.sim.pbft;

import org.bftee.core.scenario.GroupScenarios;
import org.bftee.core.scenario.ScenarioGroup;

/** The shared scenarios over the simulated network (and the same over Netty in bft-runtime). */
class SimGroupScenariosTest extends GroupScenarios {

    @Override
    protected ScenarioGroup start(int f, int clients) {
        return SimScenarioGroup.start(42, f, clients);
    }
}
