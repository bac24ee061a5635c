/**
 * Paced creation: how the component registers thousands of resources without holding them all
 * unresolved at once.
 *
 * A Pulumi resource is cheap once its registration has been answered, and costly until then: every
 * output property waits on its own promises and closures, about 150 KB a resource with
 * `@pulumi/aws`'s classes. A constructor that creates all of a 1,000-set stack's 14,000 resources in
 * one synchronous run holds all of them unanswered at the same moment (over 2 GB), because no
 * answer can arrive before it returns. Creating them in turns, with a macrotask between turns, lets
 * the answers to one turn's registrations in (at once under mocks and in a preview) before the next
 * turn adds more. The resources, their order, names, inputs and options do not change; only when
 * they are created does.
 *
 * The work is a generator that yields after each unit (a configuration set, an alarm); `runPaced`
 * runs `unitsPerTurn` units a turn. The first turn runs synchronously, so a stack of fewer units is
 * created entirely before the constructor returns, and an error in it throws there as before.
 */

export const pacing = {
    /** Units of work per turn: a few hundred resources, well under what would hold a stack's memory. */
    unitsPerTurn: 200,
};

/**
 * Runs `work` to the end, `pacing.unitsPerTurn` units per turn: the first turn now, each next one
 * after a macrotask (`setImmediate`). Resolves with the generator's return value; rejects with an
 * error thrown after the first turn (one in the first turn throws here).
 */
export function runPaced<T>(work: Generator<void, T, void>): Promise<T> {
    const turn = (): IteratorResult<void, T> => {
        for (let units = 0; ; units++) {
            const step = work.next();
            if (step.done || units + 1 >= pacing.unitsPerTurn) return step;
        }
    };
    const first = turn();
    if (first.done) return Promise.resolve(first.value);
    return new Promise<T>((resolve, reject) => {
        const next = () => {
            try {
                const step = turn();
                if (step.done) resolve(step.value);
                else setImmediate(next);
            } catch (err) {
                reject(err);
            }
        };
        setImmediate(next);
    });
}
