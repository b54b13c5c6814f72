package org.bftee.runtime.launch;

import org.bftee.core.scenario.GroupScenarios;
import org.bftee.core.scenario.ScenarioGroup;

/** The shared scenarios of the simulator, over Netty on loopback with real threads and keys. */
class NettyGroupScenariosTest extends GroupScenarios {

    @Override
    protected ScenarioGroup start(int f, int clients) {
        return new NettyScenarioGroup(f, clients);
    }
}
