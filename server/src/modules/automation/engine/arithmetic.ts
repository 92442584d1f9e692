/**
 * Evaluates + - * / and parentheses over numbers: the only syntax a field formula has (never
 * eval). Throws on anything else or on division by zero.
 */
export function evaluateArithmetic(expression: string): number {
  const tokens = expression.match(/\d+(?:\.\d+)?|[()+\-*/]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const take = () => tokens[i++];
  function primary(): number {
    const t = take();
    if (t === '(') {
      const v = sum();
      if (take() !== ')') throw new Error('Unbalanced parentheses');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t !== undefined && /^\d/.test(t)) return Number(t);
    throw new Error(`Unexpected ${t ?? 'end'} in the formula`);
  }
  function product(): number {
    let v = primary();
    while (peek() === '*' || peek() === '/') {
      const op = take();
      const r = primary();
      if (op === '/' && r === 0) throw new Error('Division by zero in the formula');
      v = op === '*' ? v * r : v / r;
    }
    return v;
  }
  function sum(): number {
    let v = product();
    while (peek() === '+' || peek() === '-') v = take() === '+' ? v + product() : v - product();
    return v;
  }
  const value = sum();
  if (i !== tokens.length) throw new Error(`Unexpected ${tokens[i]} in the formula`);
  return Math.round(value * 100) / 100;
}
