//! The formula language of KPIs: numbers, names of metrics or KPIs, `+ - * /`,
//! parentheses and `growth(stock_metric)`. Built-in KPIs are written in it too, so a
//! user's KPI is defined exactly the way the catalogue's are.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(f64),
    Name(String),
    Neg(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
    /// Change of a stock metric over the window.
    Growth(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn symbol(self) -> char {
        match self {
            Op::Add => '+',
            Op::Sub => '-',
            Op::Mul => '*',
            Op::Div => '/',
        }
    }
}

/// A formula that does not parse, with the character position of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FormulaError {
    pub formula: String,
    pub position: usize,
    pub message: String,
}

impl std::fmt::Display for FormulaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::say!(
            "formula.at",
            error = self.message,
            position = self.position,
            formula = self.formula
        ))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Name(String),
    Op(Op),
    Open,
    Close,
}

struct Parser<'a> {
    formula: &'a str,
    tokens: Vec<(usize, Token)>,
    pos: usize,
}

pub fn parse(formula: &str) -> Result<Expr, FormulaError> {
    let tokens = tokenize(formula)?;
    let mut parser = Parser {
        formula,
        tokens,
        pos: 0,
    };
    let expr = parser.expr()?;
    if let Some((at, token)) = parser.tokens.get(parser.pos) {
        return Err(parser.error(
            *at,
            crate::say!("formula.unexpected", token = describe(token)),
        ));
    }
    Ok(expr)
}

fn tokenize(formula: &str) -> Result<Vec<(usize, Token)>, FormulaError> {
    let mut tokens = Vec::new();
    let chars: Vec<(usize, char)> = formula.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let position = formula[..at].chars().count() + 1;
        match c {
            c if c.is_whitespace() => i += 1,
            '+' | '-' | '*' | '/' => {
                let op = match c {
                    '+' => Op::Add,
                    '-' => Op::Sub,
                    '*' => Op::Mul,
                    _ => Op::Div,
                };
                tokens.push((position, Token::Op(op)));
                i += 1;
            }
            '×' => {
                tokens.push((position, Token::Op(Op::Mul)));
                i += 1;
            }
            '÷' => {
                tokens.push((position, Token::Op(Op::Div)));
                i += 1;
            }
            '(' => {
                tokens.push((position, Token::Open));
                i += 1;
            }
            ')' => {
                tokens.push((position, Token::Close));
                i += 1;
            }
            c if c.is_ascii_digit() || c == '.' => {
                let begin = i;
                while i < chars.len() && (chars[i].1.is_ascii_digit() || chars[i].1 == '.') {
                    i += 1;
                }
                let text: String = chars[begin..i].iter().map(|(_, c)| c).collect();
                let value: f64 = text.parse().map_err(|_| FormulaError {
                    formula: formula.to_owned(),
                    position,
                    message: crate::say!("formula.not_a_number", text = text),
                })?;
                tokens.push((position, Token::Number(value)));
            }
            // Names in any script, as roi names the metrics it finds (`Lượt dùng
            // thử` → `lượt_dùng_thử`), composed as those are.
            c if c.is_alphabetic() || c == '_' => {
                let begin = i;
                while i < chars.len() && {
                    let c = chars[i].1;
                    c.is_alphanumeric()
                        || c == '_'
                        || unicode_normalization::char::is_combining_mark(c)
                } {
                    i += 1;
                }
                let text: String = chars[begin..i].iter().map(|(_, c)| c).collect();
                let text = crate::dataset::compose(&text).into_owned();
                tokens.push((position, Token::Name(text)));
            }
            other => {
                return Err(FormulaError {
                    formula: formula.to_owned(),
                    position,
                    message: crate::say!("formula.unexpected_char", char = other),
                });
            }
        }
    }
    Ok(tokens)
}

fn describe(token: &Token) -> String {
    match token {
        Token::Number(n) => crate::say!("formula.number", value = n),
        Token::Name(n) => crate::say!("formula.name", value = n),
        Token::Op(op) => format!("`{}`", op.symbol()),
        Token::Open => "`(`".to_owned(),
        Token::Close => "`)`".to_owned(),
    }
}

impl Parser<'_> {
    fn error(&self, position: usize, message: String) -> FormulaError {
        FormulaError {
            formula: self.formula.to_owned(),
            position,
            message,
        }
    }

    fn end_position(&self) -> usize {
        self.formula.chars().count() + 1
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(_, t)| t)
    }

    fn expr(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.term()?;
        while let Some(Token::Op(op @ (Op::Add | Op::Sub))) = self.peek() {
            let op = *op;
            self.pos += 1;
            let right = self.term()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.factor()?;
        while let Some(Token::Op(op @ (Op::Mul | Op::Div))) = self.peek() {
            let op = *op;
            self.pos += 1;
            let right = self.factor()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn factor(&mut self) -> Result<Expr, FormulaError> {
        let Some((at, token)) = self.tokens.get(self.pos).cloned() else {
            return Err(self.error(self.end_position(), crate::say!("formula.ends_early")));
        };
        self.pos += 1;
        match token {
            Token::Number(n) => Ok(Expr::Number(n)),
            Token::Op(Op::Sub) => Ok(Expr::Neg(Box::new(self.factor()?))),
            Token::Open => {
                let inner = self.expr()?;
                self.close(at)?;
                Ok(inner)
            }
            Token::Name(name) if self.peek() == Some(&Token::Open) => {
                self.pos += 1;
                if name != "growth" {
                    return Err(
                        self.error(at, crate::say!("formula.unknown_function", name = name))
                    );
                }
                let Some((_, Token::Name(arg))) = self.tokens.get(self.pos).cloned() else {
                    return Err(self.error(at, crate::say!("formula.growth_argument")));
                };
                self.pos += 1;
                self.close(at)?;
                Ok(Expr::Growth(arg))
            }
            Token::Name(name) => Ok(Expr::Name(name)),
            other => Err(self.error(
                at,
                crate::say!("formula.unexpected", token = describe(&other)),
            )),
        }
    }

    fn close(&mut self, open_at: usize) -> Result<(), FormulaError> {
        if self.peek() == Some(&Token::Close) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(open_at, crate::say!("formula.unclosed")))
        }
    }
}

impl Expr {
    /// Every name the formula refers to, growth arguments included.
    pub fn names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Number(_) => {}
            Expr::Name(n) | Expr::Growth(n) => out.push(n),
            Expr::Neg(e) => e.collect_names(out),
            Expr::Binary(_, l, r) => {
                l.collect_names(out);
                r.collect_names(out);
            }
        }
    }

    /// The value of a formula without names (`1000`, `2 * 5`); `None` when it has one.
    pub fn constant(&self) -> Option<f64> {
        match self {
            Expr::Number(n) => Some(*n),
            Expr::Name(_) | Expr::Growth(_) => None,
            Expr::Neg(e) => e.constant().map(|v| -v),
            Expr::Binary(op, l, r) => {
                let (l, r) = (l.constant()?, r.constant()?);
                Some(match op {
                    Op::Add => l + r,
                    Op::Sub => l - r,
                    Op::Mul => l * r,
                    Op::Div => l / r,
                })
            }
        }
    }

    /// The formula a constant factor or divisor scales (`cpl / 1000`, `1.1 * cpl`,
    /// `-cpl`), with the factor; `None` for any other formula. A scale changes
    /// neither side of a quotient.
    pub fn scaled(&self) -> Option<(&Expr, f64)> {
        let factor = |c: &Expr| c.constant().filter(|c| *c != 0.0 && c.is_finite());
        match self {
            Expr::Neg(e) => Some((e, -1.0)),
            Expr::Binary(Op::Mul, e, c) if factor(c).is_some() => Some((e, factor(c)?)),
            Expr::Binary(Op::Mul, c, e) if factor(c).is_some() => Some((e, factor(c)?)),
            Expr::Binary(Op::Div, e, c) => Some((e, 1.0 / factor(c)?)),
            _ => None,
        }
    }

    /// True when a constant divisor is zero somewhere: the formula could never have a value.
    pub fn divides_by_zero(&self) -> bool {
        match self {
            Expr::Binary(Op::Div, l, r) => {
                matches!(**r, Expr::Number(n) if n == 0.0) || l.divides_by_zero()
            }
            Expr::Binary(_, l, r) => l.divides_by_zero() || r.divides_by_zero(),
            Expr::Neg(e) => e.divides_by_zero(),
            _ => false,
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn prec(e: &Expr) -> u8 {
            match e {
                Expr::Binary(Op::Add | Op::Sub, ..) => 1,
                Expr::Binary(..) => 2,
                _ => 3,
            }
        }
        match self {
            Expr::Number(n) => write!(f, "{n}"),
            Expr::Name(n) => f.write_str(n),
            Expr::Growth(n) => write!(f, "growth({n})"),
            Expr::Neg(e) if prec(e) < 3 => write!(f, "-({e})"),
            Expr::Neg(e) => write!(f, "-{e}"),
            Expr::Binary(op, l, r) => {
                let p = prec(self);
                if prec(l) < p {
                    write!(f, "({l})")?;
                } else {
                    write!(f, "{l}")?;
                }
                write!(f, " {} ", op.symbol())?;
                // Operators group to the left: a right operand at equal precedence
                // keeps its parentheses (`a * (b / c)` is not `a * b / c`, and
                // `0 * (a * 0)` must read back as written).
                if prec(r) <= p {
                    write!(f, "({r})")
                } else {
                    write!(f, "{r}")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_display_round_trip() {
        for text in [
            "0 * (a * 0)",
            "a + (b + c)",
            "a * (b / c)",
            "likes + comments * 2",
            "(likes + comments) * 2",
            "revenue - spend",
            "(revenue - spend) / spend",
            "spend / leads",
            "a - (b - c)",
            "a / (b / c)",
            "-likes + 3",
            "growth(followers) / (follower_count - growth(followers))",
        ] {
            let expr = parse(text).unwrap();
            assert_eq!(expr.to_string(), text, "display of {text}");
            assert_eq!(parse(&expr.to_string()).unwrap(), expr);
        }
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = parse("likes + ").unwrap_err();
        assert_eq!(e.position, 9);
        assert!(e.message.contains("ends too early"));
        let e = parse("likes $ 2").unwrap_err();
        assert_eq!(e.position, 7);
        let e = parse("(likes + 2").unwrap_err();
        assert_eq!(e.position, 1);
        assert!(e.message.contains("never closed"));
        let e = parse("sqrt(likes)").unwrap_err();
        assert!(e.message.contains("unknown function `sqrt`"));
        let e = parse("likes 2").unwrap_err();
        assert!(e.message.contains("unexpected number"));
    }

    #[test]
    fn finds_names_and_zero_divisors() {
        let e = parse("(likes + growth(followers)) / 0").unwrap();
        assert_eq!(e.names(), vec!["likes", "followers"]);
        assert!(e.divides_by_zero());
        assert!(!parse("likes / 2").unwrap().divides_by_zero());
    }

    #[test]
    fn a_constant_factor_or_divisor_scales() {
        let scaled = |text: &str| {
            let e = parse(text).unwrap();
            e.scaled().map(|(inner, f)| (inner.to_string(), f))
        };
        assert_eq!(
            scaled("spend / leads / 1000"),
            Some(("spend / leads".into(), 0.001))
        );
        assert_eq!(scaled("1.1 * cpl"), Some(("cpl".into(), 1.1)));
        assert_eq!(scaled("cpl * (2 * 5)"), Some(("cpl".into(), 10.0)));
        assert_eq!(scaled("-cpl"), Some(("cpl".into(), -1.0)));
        assert_eq!(scaled("cpl / (2 - 2)"), None);
        assert_eq!(scaled("spend / leads"), None);
        assert_eq!(scaled("cpl + 2"), None);
    }
}
