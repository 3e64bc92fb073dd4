package io.sashell.sa;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import sun.jvm.hotspot.oops.ObjectHistogram;
import sun.jvm.hotspot.oops.ObjectHistogramElement;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.runtime.VM;

/**
 * SA's own histogram, as {@code jhsdb clhsdb jhisto} computes it: the reference the fast walker is checked
 * against, and the engine for collectors the walker does not know.
 */
public final class SaObjectHistogram {
    private SaObjectHistogram() {
    }

    public static List<KlassCount> run() {
        ObjectHistogram histogram = new ObjectHistogram() {
            private long visited;

            @Override
            public boolean doObj(Oop obj) {
                if ((++visited & 0xFFF) == 0 && Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("cancelled");
                }
                return super.doObj(obj);
            }
        };
        try {
            VM.getVM().getObjectHeap().iterate(histogram);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SaException("the Serviceability Agent could not walk this heap: " + SaErrors.oneLine(e), e);
        }
        List<KlassCount> out = new ArrayList<>();
        for (ObjectHistogramElement el : histogram.getElements()) {
            Oop loader = SaKlassNames.loader(el.getKlass());
            out.add(new KlassCount(SaAddresses.of(el.getKlass().getAddress()), el.getDescription(),
                    loader == null ? 0 : SaAddresses.of(loader.getHandle()), SaKlassNames.loaderName(loader),
                    el.getCount(), el.getSize()));
        }
        return out;
    }
}
