/** Validators of numbers: ranges, and how a number is written. */

export function checkIntegerInRange(value: number, min: number, max: number): string | undefined {
    if (!Number.isInteger(value) || value < min || value > max) {
        return `must be a whole number from ${min} to ${max}`;
    }
    return undefined;
}

export function checkNumberInRange(value: number, min: number, max: number): string | undefined {
    if (!Number.isFinite(value) || value < min || value > max) {
        return `must be a number from ${min} to ${max}`;
    }
    return undefined;
}

/** A number written in plain decimal (`2`, `-1`, `0.5`): not `0x10`, `1e3`, `2.` or ` 2`. */
export function checkPlainDecimal(value: string): string | undefined {
    return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(value)
        ? undefined
        : "must be written as a plain decimal number such as 2 or 0.5";
}
