const text = (value: unknown) => (value === undefined || value === null ? '' : String(value)).trim();

/** A list a person typed, or an expression gave: "refund, invoice" → ["refund", "invoice"]; an array stays a list. */
export const commaList = (value: unknown): string[] => (Array.isArray(value) ? value.map(text) : text(value).split(',').map((item) => item.trim())).filter(Boolean);
