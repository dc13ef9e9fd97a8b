import { InvalidParameterValueError, type ThrottleReason } from './lambda-errors.js';

/** One function's share of the pool. */
interface FunctionSlot {
  inFlight: number;
  reserved: number | undefined;
}

/** A snapshot of the pool for `/_motorcade` and tests. */
export interface ConcurrencyStats {
  readonly limit: number;
  readonly unreservedLimit: number;
  readonly concurrentExecutions: number;
  readonly unreservedInFlight: number;
  readonly perFunction: Readonly<Record<string, { inFlight: number; reserved?: number }>>;
}

/**
 * The concurrency pool of one account, as Lambda enforces it: the account limit, each function's
 * ReservedConcurrentExecutions carved out of it (a function with a reservation never exceeds it and
 * never uses the rest), and the unreserved pool = limit − sum(reserved) shared by everyone else.
 * Each account (LambdaService) has its own pool, so one account's load never throttles another.
 */
export class ConcurrencyPool {
  readonly #limit: number;
  readonly #slots = new Map<string, FunctionSlot>();
  #reservedTotal = 0;
  #unreservedInFlight = 0;
  #inFlight = 0;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`Invalid concurrency limit ${limit}`);
    this.#limit = limit;
  }

  /**
   * Sets (or clears, with undefined) a function's reservation. Refused when the reservations would
   * exceed the account limit, with the error AWS gives for PutFunctionConcurrency.
   */
  setReserved(functionName: string, reserved: number | undefined): void {
    const slot = this.#slot(functionName);
    const others = this.#reservedTotal - (slot.reserved ?? 0);
    if (reserved !== undefined && others + reserved > this.#limit) {
      throw new InvalidParameterValueError(
        `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [0].`,
      );
    }
    // In-flight invocations move between the pools with the function so release stays balanced.
    if (slot.reserved === undefined && reserved !== undefined) this.#unreservedInFlight -= slot.inFlight;
    if (slot.reserved !== undefined && reserved === undefined) this.#unreservedInFlight += slot.inFlight;
    this.#reservedTotal = others + (reserved ?? 0);
    slot.reserved = reserved;
  }

  /** Takes one unit of concurrency for the function, or returns why it is throttled. */
  tryAcquire(functionName: string): ThrottleReason | undefined {
    const slot = this.#slot(functionName);
    if (slot.reserved !== undefined) {
      if (slot.inFlight >= slot.reserved) return 'ReservedFunctionConcurrentInvocationLimitExceeded';
    } else {
      if (this.#unreservedInFlight >= this.#limit - this.#reservedTotal)
        return 'ConcurrentInvocationLimitExceeded';
      this.#unreservedInFlight++;
    }
    slot.inFlight++;
    this.#inFlight++;
    return undefined;
  }

  /** Returns the unit taken by a successful {@link tryAcquire}. */
  release(functionName: string): void {
    const slot = this.#slots.get(functionName);
    if (!slot || slot.inFlight === 0) return;
    slot.inFlight--;
    this.#inFlight--;
    if (slot.reserved === undefined) this.#unreservedInFlight--;
  }

  /** Forgets a deleted function, returning its reservation to the unreserved pool. */
  remove(functionName: string): void {
    const slot = this.#slots.get(functionName);
    if (!slot) return;
    if (slot.reserved !== undefined) this.#reservedTotal -= slot.reserved;
    else this.#unreservedInFlight -= slot.inFlight;
    this.#inFlight -= slot.inFlight;
    this.#slots.delete(functionName);
  }

  inFlightOf(functionName: string): number {
    return this.#slots.get(functionName)?.inFlight ?? 0;
  }

  stats(): ConcurrencyStats {
    const perFunction: Record<string, { inFlight: number; reserved?: number }> = {};
    for (const [name, slot] of this.#slots) {
      perFunction[name] = slot.reserved === undefined ? { inFlight: slot.inFlight } : { ...slot };
    }
    return {
      limit: this.#limit,
      unreservedLimit: this.#limit - this.#reservedTotal,
      concurrentExecutions: this.#inFlight,
      unreservedInFlight: this.#unreservedInFlight,
      perFunction,
    };
  }

  #slot(functionName: string): FunctionSlot {
    let slot = this.#slots.get(functionName);
    if (!slot) {
      slot = { inFlight: 0, reserved: undefined };
      this.#slots.set(functionName, slot);
    }
    return slot;
  }
}
