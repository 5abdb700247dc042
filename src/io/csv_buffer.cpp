#include "io/csv_buffer_internal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::csv_internal {
namespace {

[[noreturn]] void ThrowIo(const std::string& display_name, int error_number) {
  throw Error(ErrorCode::kIo,
              fmt::format(fmt::runtime(Tr("kan inte läsa filen: {}", "cannot read the file: {}")),
                          std::strerror(error_number)),
              {display_name});
}

// Closes the descriptor on every path out of OpenFile.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

std::size_t PageSize() {
  static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

}  // namespace

ByteBuffer ByteBuffer::OpenFile(const std::string& path, const std::string& display_name) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) ThrowIo(display_name, errno);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) ThrowIo(display_name, errno);
  if (S_ISDIR(info.st_mode)) ThrowIo(display_name, EISDIR);
  if (S_ISREG(info.st_mode)) {
    const auto size = static_cast<std::size_t>(info.st_size);
    if (size == 0) return {};
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (data == MAP_FAILED) ThrowIo(display_name, errno);
    return ByteBuffer(Kind::kFileMapping, static_cast<char*>(data), size);
  }
  std::string content;
  char block[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd.get(), block, sizeof block);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) ThrowIo(display_name, errno);
    if (got == 0) break;
    content.append(block, static_cast<std::size_t>(got));
  }
  ByteBuffer buffer = Anonymous(content.size());
  std::memcpy(buffer.mutable_data(), content.data(), content.size());
  return buffer;
}

ByteBuffer ByteBuffer::Anonymous(std::size_t size) {
  if (size == 0) return {};
  void* data = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (data == MAP_FAILED) {
    throw Error(ErrorCode::kIo,
                fmt::format(fmt::runtime(Tr("kan inte reservera {} byte minne: {}",
                                            "cannot reserve {} bytes of memory: {}")),
                            size, std::strerror(errno)));
  }
  return ByteBuffer(Kind::kAnonymous, static_cast<char*>(data), size);
}

ByteBuffer ByteBuffer::Borrow(std::string_view text) {
  return ByteBuffer(Kind::kBorrowed, const_cast<char*>(text.data()), text.size());
}

ByteBuffer::ByteBuffer(ByteBuffer&& other) noexcept
    : kind_(std::exchange(other.kind_, Kind::kBorrowed)),
      data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)) {}

ByteBuffer& ByteBuffer::operator=(ByteBuffer&& other) noexcept {
  if (this != &other) {
    Unmap();
    kind_ = std::exchange(other.kind_, Kind::kBorrowed);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

ByteBuffer::~ByteBuffer() { Unmap(); }

void ByteBuffer::Unmap() {
  if (kind_ != Kind::kBorrowed && data_ != nullptr) ::munmap(data_, size_);
  data_ = nullptr;
  size_ = 0;
}

void ByteBuffer::Prefault(std::size_t begin, std::size_t end) {
  if (kind_ != Kind::kFileMapping) return;
  const std::size_t page = PageSize();
  const std::size_t first = begin / page * page;
  const std::size_t last = std::min(size_, (end + page - 1) / page * page);
  // Kernels before 5.14 do not know the advice; the pages are then faulted in as read.
  if (last > first) ::madvise(data_ + first, last - first, MADV_POPULATE_READ);
}

void ByteBuffer::Release(std::size_t begin, std::size_t end) {
  if (kind_ == Kind::kBorrowed) return;
  // Only pages wholly inside the range: a neighbouring chunk may still be reading the others.
  const std::size_t page = PageSize();
  const std::size_t first = (begin + page - 1) / page * page;
  const std::size_t last = end == size_ ? (end + page - 1) / page * page : end / page * page;
  if (last > first) ::madvise(data_ + first, last - first, MADV_DONTNEED);
}

void AdviseHugePages(void* data, std::size_t bytes) {
  constexpr std::uintptr_t kHugePage = 2 << 20;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + kHugePage - 1) / kHugePage * kHugePage;
  const std::uintptr_t last = (begin + bytes) / kHugePage * kHugePage;
  if (last > first) {
    ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  }
}

}  // namespace jamlik::csv_internal
