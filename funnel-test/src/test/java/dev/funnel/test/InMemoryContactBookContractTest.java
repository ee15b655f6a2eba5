package dev.funnel.test;

import dev.funnel.runtime.ContactBook;
import dev.funnel.runtime.InMemoryContactBook;

final class InMemoryContactBookContractTest extends ContactBookContract {
  @Override
  protected ContactBook newBook() {
    return new InMemoryContactBook();
  }
}
