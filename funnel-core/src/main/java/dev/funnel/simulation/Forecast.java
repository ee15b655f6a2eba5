package dev.funnel.simulation;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.analytics.Report;
import dev.funnel.analytics.ReportBuilder;
import dev.funnel.simulation.Simulation.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link Simulation}'s leads on one or more threads and merges their reports: leads are cut
 * into blocks of 4,096 in arrival order, each block gets a random source split from the root in
 * block order, and each lead one split from its block's, so the report is the same for any number
 * of threads. Immutable and thread-safe.
 */
final class Forecast {
  private static final int BLOCK = 4096;

  private final Funnel funnel;
  private final long seed;
  private final ImmutableList<Channel> channels;
  private final LeadWalk walk;

  Forecast(Funnel funnel, long seed, ImmutableList<Channel> channels, LeadWalk walk) {
    this.funnel = funnel;
    this.seed = seed;
    this.channels = channels;
    this.walk = walk;
  }

  /** Returns how many leads are simulated: the visitors of every channel. */
  long leads() {
    long n = 0;
    for (Channel c : channels) {
      n += c.visitors();
    }
    return n;
  }

  /** Returns the forecast, computed on at most this many threads. */
  Report run(int threads) {
    long total = leads();
    int blocks = (int) ((total + BLOCK - 1) / BLOCK);
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom[] random = new SplittableRandom[blocks];
    for (int b = 0; b < blocks; b++) {
      random[b] = root.split();
    }
    int workers = Math.min(threads, Math.max(blocks, 1));
    if (workers == 1) {
      return runBlocks(0, 1, random);
    }
    AtomicInteger names = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "funnel-simulation-" + names.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Report>> parts = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int first = w;
        parts.add(pool.submit(() -> runBlocks(first, workers, random)));
      }
      Report all = null;
      for (Future<Report> part : parts) {
        Report r = part.get();
        all = all == null ? r : all.merge(r);
      }
      return requireNonNull(all);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("simulation interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtimeException) {
        throw runtimeException;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("simulation failed", cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Simulates blocks {@code first, first + step, ...} into one report. */
  private Report runBlocks(int first, int step, SplittableRandom[] random) {
    ReportBuilder out = Report.builder(funnel);
    Money price = firstPrice();
    if (price != null) {
      out.currency(price.currency().getCurrencyCode());
    }
    long total = leads();
    for (int b = first; b < random.length; b += step) {
      SplittableRandom rnd = random[b];
      long from = (long) b * BLOCK;
      long to = Math.min(from + BLOCK, total);
      for (long i = from; i < to; i++) {
        walk.walk(i, channelOf(i), rnd.split(), out);
      }
    }
    return out.build();
  }

  private @Nullable Money firstPrice() {
    for (Offer o : funnel.offers()) {
      if (o.price() != null) {
        return o.price();
      }
    }
    return channels.isEmpty() ? null : channels.get(0).spend();
  }

  private String channelOf(long index) {
    long upTo = 0;
    for (Channel c : channels) {
      upTo += c.visitors();
      if (index < upTo) {
        return c.id();
      }
    }
    throw new IllegalStateException("lead index beyond the visitors");
  }
}
