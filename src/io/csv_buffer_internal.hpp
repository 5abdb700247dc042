#pragma once
// The bytes the CSV reader parses: a read-only mapping of the file, an anonymous mapping the reader
// fills itself (Windows-1252 converted to UTF-8, or a pipe read into memory), or text it borrows.
// Pages read for the last time can be handed back, so the input does not stay in memory beside the
// table being built.
#include <cstddef>
#include <string>
#include <string_view>

namespace jamlik::csv_internal {

class ByteBuffer {
 public:
  // Map `path` read-only; files that cannot be mapped (pipes, /dev/stdin) are read into memory.
  // Throws Error(kIo) naming `display_name`.
  static ByteBuffer OpenFile(const std::string& path, const std::string& display_name);
  // Return a writable, zero-filled buffer of `size` bytes.
  static ByteBuffer Anonymous(std::size_t size);
  static ByteBuffer Borrow(std::string_view text);

  ByteBuffer() = default;
  ByteBuffer(ByteBuffer&& other) noexcept;
  ByteBuffer& operator=(ByteBuffer&& other) noexcept;
  ByteBuffer(const ByteBuffer&) = delete;
  ByteBuffer& operator=(const ByteBuffer&) = delete;
  ~ByteBuffer();

  std::string_view view() const { return {data_, size_}; }
  char* mutable_data() { return data_; }
  // Whether released pages come back with their content when read again (a file mapping); the
  // pages of an anonymous buffer come back zeroed, so release those only after their last read.
  bool reloadable() const { return kind_ == Kind::kFileMapping; }
  // Map the pages of [begin, end) of a file in one call, before a pass reads them: cheaper than a
  // page fault every few pages, most of all on a virtual machine.
  void Prefault(std::size_t begin, std::size_t end);
  // Drop the whole pages inside [begin, end) from memory; borrowed text is left alone.
  void Release(std::size_t begin, std::size_t end);

 private:
  enum class Kind { kBorrowed, kFileMapping, kAnonymous };
  ByteBuffer(Kind kind, char* data, std::size_t size) : kind_(kind), data_(data), size_(size) {}
  void Unmap();

  Kind kind_ = Kind::kBorrowed;
  char* data_ = nullptr;
  std::size_t size_ = 0;
};

// Ask for transparent huge pages for the 2 MB-aligned part of [data, data + bytes), before it is
// first touched: a large column then costs a few hundred page faults instead of hundreds of
// thousands. A no-op where the kernel does not offer them.
void AdviseHugePages(void* data, std::size_t bytes);

}  // namespace jamlik::csv_internal
