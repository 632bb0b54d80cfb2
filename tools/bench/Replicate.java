import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds a synthetic corpus for the iam-lint benchmark (tools/bench/run.sh): K copies of the
 * files directly inside SRC, copy i in DST/cNNN/ with its files renamed {@code name.cNNN.ext},
 * so every copy is a distinct file with a distinct name (no artificial duplicate names across
 * copies). The content is copied byte for byte. Generated under a temporary directory by run.sh,
 * never committed.
 *
 * <p>Usage: {@code java -cp <dir> Replicate K SRC DST}
 */
public final class Replicate {
  public static void main(String[] args) throws IOException {
    int k = Integer.parseInt(args[0]);
    Path src = Path.of(args[1]);
    Path dst = Path.of(args[2]);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(src)) {
      s.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    List<byte[]> contents = new ArrayList<>(files.size());
    for (Path f : files) contents.add(Files.readAllBytes(f));
    for (int i = 0; i < k; i++) {
      String tag = String.format("c%03d", i);
      Path dir = Files.createDirectories(dst.resolve(tag));
      for (int j = 0; j < files.size(); j++) {
        String name = files.get(j).getFileName().toString();
        int dot = name.lastIndexOf('.');
        String renamed = dot < 0 ? name + "." + tag : name.substring(0, dot) + "." + tag + name.substring(dot);
        Files.write(dir.resolve(renamed), contents.get(j));
      }
    }
    System.out.println("files=" + (long) k * files.size());
  }
}
