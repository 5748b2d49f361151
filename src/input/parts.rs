//! One large file read in parts at once, each on a thread of its own.
//!
//! The file is cut at line breaks into parts of about equal size ([`Text::cuts`]);
//! each part is read into a builder of its own, and the builders are taken in, in
//! file order ([`Builder::absorb_part`]). A cut is only known to fall between two
//! records once the part before it has been parsed up to it. When it does not (it
//! fell inside a quoted cell that holds a line break), the part before reads on to
//! the end of the file and the parts after the cut are dropped: what comes out is
//! always what one reader gives.

use super::InputError;
use super::text::{RecordReader, Text};
use crate::normalize::Builder;

/// What the parts after one are still needed for, once it has been read.
pub enum After {
    /// Everything: its rows are taken in, and the next part is read on.
    Go,
    /// What later parts give and their errors, not their rows: one reader stops
    /// building rows here (but reads on).
    NoMoreRows,
    /// Nothing: one reader stops here (another table starts).
    Stop,
}

/// Reads `text` with `read`, in up to `parts` parts at once, the first `keep`
/// records (a header and what is above it) in the first part. `read` gets a reader,
/// the builder its rows go to, and whether the reader starts at the text's first
/// record (the header is then its to read); `after` tells from what it gave what the
/// later parts are still needed for. What each part needed gave comes back in file
/// order, with the lines before the part: lines in what a part gives are counted
/// from the part's start.
pub fn read<T, F, A>(
    text: &Text,
    parts: usize,
    keep: usize,
    builder: &mut Builder,
    read: F,
    after: A,
) -> Result<Vec<(T, u64)>, InputError>
where
    T: Send,
    F: Fn(&mut RecordReader<'_>, &mut Builder<'_>, bool) -> Result<T, InputError> + Sync,
    A: Fn(&T) -> After,
{
    let cuts = if builder.is_flushing() {
        // Flushed rows cannot wait for the parts before them.
        Vec::new()
    } else {
        text.cuts(parts, keep)?
    };
    let Some(&first_cut) = cuts.first() else {
        return Ok(vec![(read(&mut text.reader()?, builder, true)?, 0)]);
    };
    let read = &read;
    std::thread::scope(|scope| {
        let later: Vec<_> = cuts
            .iter()
            .enumerate()
            .map(|(i, &from)| {
                let to = cuts.get(i + 1).copied();
                let mut part = builder.part();
                scope.spawn(move || {
                    let mut reader = text.part(Some(from), to)?;
                    let result = read(&mut reader, &mut part, false);
                    Ok::<_, InputError>((reader, part, result))
                })
            })
            .collect();
        // The error a file gives is the first part's that has one: only then does
        // the text hear that this part's bytes are not UTF-8.
        let failed = |reader: &RecordReader<'_>, e: InputError, lines: u64| {
            reader.tell_not_utf8();
            e.after_lines(lines)
        };
        let mut reader = text.part(None, Some(first_cut))?;
        let first = read(&mut reader, builder, true).map_err(|e| failed(&reader, e, 0))?;
        let mut rows_wanted = true;
        match after(&first) {
            After::Go => {}
            After::NoMoreRows => rows_wanted = false,
            After::Stop => return Ok(vec![(first, 0)]),
        }
        let mut given = vec![(first, 0)];
        // Lines before the part `reader` read.
        let mut lines = 0;
        for (&cut, handle) in cuts.iter().zip(later) {
            let joined = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let Some(read_lines) = reader.lines_to(cut) else {
                // The cut is inside a record: the part before reads on instead.
                reader.read_to_end();
                let mut rest = builder.part();
                let more =
                    read(&mut reader, &mut rest, false).map_err(|e| failed(&reader, e, lines))?;
                if rows_wanted {
                    builder.absorb_part(rest, lines);
                }
                given.push((more, lines));
                return Ok(given);
            };
            lines += read_lines;
            let (next, part, result) = joined?;
            let output = result.map_err(|e| failed(&next, e, lines))?;
            let then = after(&output);
            if rows_wanted {
                builder.absorb_part(part, lines);
            }
            given.push((output, lines));
            match then {
                After::Go => {}
                After::NoMoreRows => rows_wanted = false,
                After::Stop => return Ok(given),
            }
            reader = next;
        }
        Ok(given)
    })
}
