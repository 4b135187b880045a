/**
 * Text a user can type or paste as a name, a label or a path, chosen to break out of whatever
 * holds it: Python string literals, comments and docstrings, HTML, protobuf's UTF-8. The tests of
 * every export and every chart formatter feed these through and check that nothing escapes.
 */

/** Python that creates the file MARKER in the working folder: its existence means code ran. */
export const PYTHON_MARKER_CODE = "open('MARKER', 'w').close()";

const run = PYTHON_MARKER_CODE;

export const HOSTILE_TEXTS: readonly string[] = [
  `Crops"""\n__import__("os").system("touch MARKER")\n${run}\n"""`,
  `'''\n${run}\n'''`,
  `x'\n${run}\n#`,
  `x"\r${run}\r#`,
  `crlf\r\n${run}\r\n`,
  'ends in a backslash\\',
  `\\'; ${run} #`,
  '\\x41\\N{BULLET}\\u0041',
  'nul\u0000byte',
  'line\u2028separator\u2029paragraph\u0085next line',
  'tab\tvertical\u000bform\u000cfeed',
  'lone \ud800 high surrogate',
  'lone \udfff low surrogate',
  'a pair \ud83d\ude00 and \ud800',
  'right-to-left \u202e override \u2066isolate',
  'zero\u200bwidth\ufeffbom',
  'é東 العربية',
  '{0} %s $HOME `id`',
  '# a comment',
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  '&amp; &lt;',
  '__proto__',
];
