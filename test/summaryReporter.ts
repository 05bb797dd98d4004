/**
 * Mocha's spec reporter plus one closing line, `N passed, N failed`, that CI reads
 * whatever runner produced it.
 */
import * as Mocha from "mocha";

class SpecWithSummary extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
        super(runner, options);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const { passes, failures, pending } = this.stats;
            process.stdout.write(
                `\n${passes} passed, ${failures} failed${pending > 0 ? `, ${pending} skipped` : ""}\n`,
            );
        });
    }
}

export = SpecWithSummary;
