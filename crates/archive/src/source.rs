//! Byte sources. The engine never does I/O itself: the host hands it something that can
//! read a byte range (a `Vec` in tests, a file natively, a `Blob` in the worker).

use std::cell::RefCell;
use std::io::{self, Read, Seek, SeekFrom};
use std::rc::{Rc, Weak};

/// Random access to an immutable byte sequence. Offsets are `u64` everywhere: wasm32 is
/// 32-bit and exports are far bigger than 4 GiB.
pub trait RandomAccess {
    /// Total length in bytes.
    fn len(&self) -> u64;
    /// Fill `buf` completely from `offset`, or fail (UnexpectedEof past the end).
    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()>;
    /// Whether the source holds no bytes.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Error for a read that would run past the end of a source.
pub(crate) fn eof() -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        "read past the end of the file",
    )
}

/// `offset..offset + len` as a checked range inside a source of `total` bytes.
fn checked_end(offset: u64, len: usize, total: u64) -> io::Result<u64> {
    let len = u64::try_from(len).map_err(|_| eof())?;
    match offset.checked_add(len) {
        Some(end) if end <= total => Ok(end),
        _ => Err(eof()),
    }
}

impl RandomAccess for Vec<u8> {
    fn len(&self) -> u64 {
        self.as_slice().len() as u64
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        let end = checked_end(offset, buf.len(), RandomAccess::len(self))?;
        let start = usize::try_from(offset).map_err(|_| eof())?;
        let end = usize::try_from(end).map_err(|_| eof())?;
        let src = self.get(start..end).ok_or_else(eof)?;
        buf.copy_from_slice(src);
        Ok(())
    }
}

impl<T: RandomAccess + ?Sized> RandomAccess for Box<T> {
    fn len(&self) -> u64 {
        (**self).len()
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        (**self).read_at(offset, buf)
    }
}

/// A native file with its length taken once at open (exports do not change while viewed).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
pub struct FileSource(std::fs::File, u64);

#[cfg(not(target_arch = "wasm32"))]
impl FileSource {
    /// Open `path` for reading.
    pub fn open(path: &std::path::Path) -> io::Result<Self> {
        let file = std::fs::File::open(path)?;
        let len = file.metadata()?.len();
        Ok(Self(file, len))
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl RandomAccess for FileSource {
    fn len(&self) -> u64 {
        self.1
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        checked_end(offset, buf.len(), self.1)?;
        self.0.seek(SeekFrom::Start(offset))?;
        self.0.read_exact(buf)
    }
}

/// One source shared by a ZIP part and the ZIPs stored inside it. wasm is single-threaded,
/// so `Rc<RefCell>` is enough; a failed borrow becomes an error, never a panic.
pub(crate) type Shared = Rc<RefCell<Box<dyn RandomAccess>>>;

/// A window `start..start + len` of a shared source: a stored ZIP inside a ZIP is read in
/// place through this, without copying it.
pub(crate) struct Slice {
    inner: Shared,
    start: u64,
    len: u64,
}

impl Slice {
    /// The whole of `inner`.
    pub(crate) fn whole(inner: Shared) -> io::Result<Self> {
        let len = inner
            .try_borrow()
            .map_err(|_| io::Error::other("source busy"))?
            .len();
        Ok(Self {
            inner,
            start: 0,
            len,
        })
    }

    /// `start..start + len` of `inner`, which must lie inside it.
    pub(crate) fn range(inner: Shared, start: u64, len: u64) -> io::Result<Self> {
        let total = Self::whole(inner.clone())?.len;
        match start.checked_add(len) {
            Some(end) if end <= total => Ok(Self { inner, start, len }),
            _ => Err(eof()),
        }
    }
}

impl RandomAccess for Slice {
    fn len(&self) -> u64 {
        self.len
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        checked_end(offset, buf.len(), self.len)?;
        let abs = self.start.checked_add(offset).ok_or_else(eof)?;
        self.inner
            .try_borrow_mut()
            .map_err(|_| io::Error::other("source busy"))?
            .read_at(abs, buf)
    }
}

/// Default buffer: big enough that a central directory of 100k entries (~10 MB) is read
/// in a few dozen calls, small enough to keep one per open part.
pub const DEFAULT_BUFFER: usize = 256 * 1024;

/// `Read + Seek` over a [`RandomAccess`] with one large buffer, so the zip crate's many
/// small reads become few big `read_at` calls (each one is a `FileReaderSync` round trip
/// in the browser).
pub struct BufferedSource<S: RandomAccess> {
    inner: S,
    buf: Vec<u8>,
    /// Source offset of `buf[0]`; `buf.len()` bytes are valid.
    buf_start: u64,
    pos: u64,
    cap: usize,
    reads: u64,
    /// A region read ahead by [`BufferedSource::preload`]: held weakly, so it is freed the
    /// moment the caller drops the handle (a parsed directory must not stay in memory).
    ahead: Option<(u64, Weak<Vec<u8>>)>,
}

impl<S: RandomAccess> BufferedSource<S> {
    /// Wrap `inner` with the default buffer size.
    pub fn new(inner: S) -> Self {
        Self::with_capacity(DEFAULT_BUFFER, inner)
    }

    /// Wrap `inner` with a buffer of `cap` bytes (at least 4 KiB).
    pub fn with_capacity(cap: usize, inner: S) -> Self {
        Self {
            inner,
            buf: Vec::new(),
            buf_start: 0,
            pos: 0,
            cap: cap.max(4096),
            reads: 0,
            ahead: None,
        }
    }

    /// Number of `read_at` calls made so far.
    pub fn reads(&self) -> u64 {
        self.reads
    }

    /// The wrapped source.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// Total length of the wrapped source.
    pub fn len(&self) -> u64 {
        self.inner.len()
    }

    /// Whether the wrapped source is empty.
    pub fn is_empty(&self) -> bool {
        self.inner.len() == 0
    }

    /// Read directly from the source at `offset`, bypassing the buffer.
    pub fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        self.reads += 1;
        self.inner.read_at(offset, buf)
    }

    /// Reads `start..` to the end in one call, for a reader about to walk all of it. Reads
    /// inside it are served from memory while the returned handle lives; drop the handle
    /// to free it.
    pub fn preload(&mut self, start: u64) -> io::Result<Rc<Vec<u8>>> {
        let len = self.inner.len().checked_sub(start).ok_or_else(eof)?;
        let mut bytes = vec![0u8; usize::try_from(len).map_err(|_| eof())?];
        self.reads += 1;
        self.inner.read_at(start, &mut bytes)?;
        let bytes = Rc::new(bytes);
        self.ahead = Some((start, Rc::downgrade(&bytes)));
        Ok(bytes)
    }

    /// Copies preloaded bytes at `pos` into `out`, if `pos` is inside a live preload.
    fn read_ahead(&mut self, out: &mut [u8]) -> Option<usize> {
        let (start, weak) = self.ahead.as_ref()?;
        let Some(bytes) = weak.upgrade() else {
            self.ahead = None;
            return None;
        };
        let rel = usize::try_from(self.pos.checked_sub(*start)?).ok()?;
        let avail = bytes.get(rel..).filter(|rest| !rest.is_empty())?;
        let n = avail.len().min(out.len());
        out.get_mut(..n)?.copy_from_slice(avail.get(..n)?);
        self.pos += n as u64;
        Some(n)
    }

    /// Bytes of the buffer available at `pos`, if `pos` is inside it.
    fn buffered(&self) -> Option<&[u8]> {
        let rel = self.pos.checked_sub(self.buf_start)?;
        let rel = usize::try_from(rel).ok()?;
        self.buf.get(rel..).filter(|rest| !rest.is_empty())
    }

    /// Refill the buffer with the window that holds `pos`. A read just before the current
    /// window (the zip crate scanning backwards for the end record) gets a window that ends
    /// where the old one starts, so a backward scan costs one read per window, not per step.
    fn fill(&mut self, total: u64) -> io::Result<()> {
        let cap = self.cap as u64;
        let backwards =
            !self.buf.is_empty() && self.pos < self.buf_start && self.buf_start - self.pos <= cap;
        let start = if backwards {
            self.buf_start.saturating_sub(cap)
        } else {
            self.pos
        };
        let len = usize::try_from((total - start).min(cap)).map_err(|_| eof())?;
        self.load(start, len)
    }

    /// Makes the buffer `len` bytes of the source from `start`, in one read.
    fn load(&mut self, start: u64, len: usize) -> io::Result<()> {
        self.buf.resize(len, 0);
        self.reads += 1;
        if let Err(e) = self.inner.read_at(start, &mut self.buf) {
            self.buf.clear();
            return Err(e);
        }
        self.buf_start = start;
        Ok(())
    }
}

impl<S: RandomAccess> Read for BufferedSource<S> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let total = self.inner.len();
        if out.is_empty() || self.pos >= total {
            return Ok(0);
        }
        if let Some(n) = self.read_ahead(out) {
            return Ok(n);
        }
        if self.buffered().is_none() {
            let remaining = total - self.pos;
            // A big read goes straight into the caller's buffer: copying it twice buys nothing.
            if out.len() >= self.cap {
                let n = usize::try_from(remaining.min(out.len() as u64)).map_err(|_| eof())?;
                let dst = out.get_mut(..n).ok_or_else(eof)?;
                self.reads += 1;
                self.inner.read_at(self.pos, dst)?;
                self.pos += n as u64;
                return Ok(n);
            }
            self.fill(total)?;
        }
        let avail = self.buffered().ok_or_else(eof)?;
        let n = avail.len().min(out.len());
        let (src, dst) = (avail.get(..n).ok_or_else(eof)?, out.get_mut(..n));
        dst.ok_or_else(eof)?.copy_from_slice(src);
        self.pos += n as u64;
        Ok(n)
    }
}

impl<S: RandomAccess> Seek for BufferedSource<S> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let base = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.inner.len().checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        let pos = base
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        self.pos = pos;
        Ok(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vec_read_at_bounds() {
        let mut v: Vec<u8> = (0..10).collect();
        let mut b = [0u8; 3];
        assert!(v.read_at(7, &mut b).is_ok());
        assert_eq!(b, [7, 8, 9]);
        assert!(v.read_at(8, &mut b).is_err());
        assert!(v.read_at(u64::MAX, &mut b).is_err());
    }

    #[test]
    fn buffered_reads_and_seeks() {
        let data: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();
        let mut src = BufferedSource::with_capacity(4096, data.clone());
        let mut out = vec![0u8; 100];
        src.seek(SeekFrom::Start(10_000)).ok();
        src.read_exact(&mut out).ok();
        assert_eq!(&out[..], &data[10_000..10_100]);
        src.read_exact(&mut out).ok();
        assert_eq!(&out[..], &data[10_100..10_200]);
        assert_eq!(src.reads(), 1);
        // Backward step lands in a window that ends at the old one.
        src.seek(SeekFrom::Start(9_000)).ok();
        src.read_exact(&mut out).ok();
        assert_eq!(&out[..], &data[9_000..9_100]);
        assert_eq!(src.reads(), 2);
        src.seek(SeekFrom::End(-5)).ok();
        let mut rest = Vec::new();
        src.read_to_end(&mut rest).ok();
        assert_eq!(&rest[..], &data[49_995..]);
        let mut big = vec![0u8; 8192];
        src.seek(SeekFrom::Start(0)).ok();
        src.read_exact(&mut big).ok();
        assert_eq!(&big[..], &data[..8192]);
    }

    #[test]
    fn preload_lives_as_long_as_its_handle() {
        let data: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        let mut src = BufferedSource::with_capacity(4096, data.clone());
        let handle = src.preload(10_000).unwrap();
        let mut out = vec![0u8; 6_000];
        src.seek(SeekFrom::Start(12_000)).ok();
        src.read_exact(&mut out).ok();
        assert_eq!(&out[..], &data[12_000..18_000]);
        assert_eq!(src.reads(), 1, "served from the preload");
        drop(handle);
        src.seek(SeekFrom::Start(12_000)).ok();
        src.read_exact(&mut out[..100]).ok();
        assert_eq!(&out[..100], &data[12_000..12_100]);
        assert_eq!(src.reads(), 2, "freed: read from the source again");
        assert!(src.ahead.is_none());
    }

    #[test]
    fn slice_is_bounded() {
        let shared: Shared = Rc::new(RefCell::new(Box::new((0u8..100).collect::<Vec<u8>>())));
        let mut s = Slice::range(shared.clone(), 10, 20).unwrap();
        let mut b = [0u8; 5];
        assert!(s.read_at(0, &mut b).is_ok());
        assert_eq!(b, [10, 11, 12, 13, 14]);
        assert!(s.read_at(16, &mut b).is_err());
        assert!(Slice::range(shared, 90, 20).is_err());
    }
}
