// Package numfmt formats numbers for students to read, the same way on the
// page, in the tables and on the stage: a few significant digits, a true
// minus sign (−, not the hyphen), infinities as ∞, and very small or very
// large values in scientific notation with superscript powers (1.2×10⁻⁵).
package numfmt
